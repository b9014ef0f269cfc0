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
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
