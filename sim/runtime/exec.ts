// Runs a command inside a container and collects its output and exit code;
// optionally feeds its stdin and hands over its stdout line by line as it comes.
import { PassThrough, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type Docker from 'dockerode';

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Piped to the command's stdin, which closes when it ends; without it, the command has no stdin. */
  readonly stdin?: Readable;
  /** Called with each line of stdout (without its newline) as it comes; stdout is collected all the same. */
  readonly onLine?: (line: string) => void;
}

export async function execIn(d: Docker, containerId: string, cmd: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const exec = await d.getContainer(containerId).exec({
    Cmd: [...cmd],
    AttachStdout: true,
    AttachStderr: true,
    ...(opts.stdin ? { AttachStdin: true, OpenStdin: true } : {}),
    Env: Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`),
  });
  const stream = await exec.start({ hijack: true, stdin: opts.stdin !== undefined });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const lines = opts.onLine ? lineSplitter(opts.onLine) : undefined;
  const o = new PassThrough().on('data', (b: Buffer) => (out.push(b), lines?.push(b)));
  const e = new PassThrough().on('data', (b: Buffer) => err.push(b));
  d.modem.demuxStream(stream, o, e);
  // Ending stdin half-closes the connection: Docker then closes the command's stdin, its output still flows.
  opts.stdin?.pipe(stream);
  const abort = () => stream.destroy();
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve).on('close', resolve).on('error', reject);
    if (opts.signal?.aborted) abort();
    else opts.signal?.addEventListener('abort', abort, { once: true });
  });
  await done.finally(() => {
    opts.signal?.removeEventListener('abort', abort);
    opts.stdin?.unpipe(stream);
  });
  lines?.end();
  const stdout = Buffer.concat(out).toString(), stderr = Buffer.concat(err).toString();
  try {
    const info = await exec.inspect();
    return { exitCode: info.ExitCode ?? -1, stdout, stderr };
  } catch (e) {
    // Docker 20.10 answered 404 (no such exec) once for a generator's exec
    // about 5 minutes after making it (campus-100); its collector of finished
    // execs runs every 5 minutes. The output is all there, only the exit code
    // is lost: say so rather than fail the run.
    if ((e as { statusCode?: number }).statusCode !== 404) throw e;
    return { exitCode: -1, stdout, stderr: `${stderr}${stderr && !stderr.endsWith('\n') ? '\n' : ''}exit code unknown: Docker no longer knows the exec\n` };
  }
}

/** Calls `onLine` with each complete line of the chunks pushed, and with the rest at the end. */
export function lineSplitter(onLine: (line: string) => void): { push(b: Buffer): void; end(): void } {
  // A character's bytes may straddle two chunks: the decoder keeps them until it is whole.
  const text = new StringDecoder('utf8');
  let rest = '';
  return {
    push(b) {
      const parts = (rest + text.write(b)).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) onLine(line);
    },
    end() {
      rest += text.end();
      if (rest) onLine(rest);
      rest = '';
    },
  };
}
