// Runs a command inside a container and collects its output and exit code.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export async function execIn(d: Docker, containerId: string, cmd: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const exec = await d.getContainer(containerId).exec({
    Cmd: [...cmd],
    AttachStdout: true,
    AttachStderr: true,
    Env: Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`),
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const o = new PassThrough().on('data', (b: Buffer) => out.push(b));
  const e = new PassThrough().on('data', (b: Buffer) => err.push(b));
  d.modem.demuxStream(stream, o, e);
  const abort = () => stream.destroy();
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve).on('close', resolve).on('error', reject);
    if (opts.signal?.aborted) abort();
    else opts.signal?.addEventListener('abort', abort, { once: true });
  });
  await done.finally(() => opts.signal?.removeEventListener('abort', abort));
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
