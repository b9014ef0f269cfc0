// A RunningTopology whose nodes are this machine: exec runs the argv here,
// with stdin piped and stdout split into lines as Docker's exec does, so a
// test drives the real scripts a run would exec in its nodes (sh is dash in
// Debian, as in the images).
import { spawn } from 'node:child_process';
import { lineSplitter, type ExecOptions, type ExecResult } from '../../../../sim/runtime/exec';
import type { RunningTopology } from '../../../../sim/runtime/index';

export interface LocalRun {
  readonly run: RunningTopology;
  /** Node and argv of every exec, in order. */
  readonly seen: string[][];
}

export function localRun(impair: RunningTopology['impair'] = async () => {}): LocalRun {
  const seen: string[][] = [];
  const exec = (node: string, cmd: readonly string[], opts: ExecOptions = {}) =>
    new Promise<ExecResult>((resolve, reject) => {
      seen.push([node, ...cmd]);
      const child = spawn(cmd[0]!, cmd.slice(1), { stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
      let out = '', err = '';
      // Lines as the Docker runtime's exec gives them.
      const lines = opts.onLine ? lineSplitter(opts.onLine) : undefined;
      child.stdout!.on('data', (b: Buffer) => ((out += b.toString()), lines?.push(b))).on('end', () => lines?.end());
      child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
      if (opts.stdin && child.stdin) {
        child.stdin.on('error', () => {}); // the command may end without reading it
        opts.stdin.pipe(child.stdin);
      }
      const kill = () => child.kill('SIGKILL');
      opts.signal?.addEventListener('abort', kill, { once: true });
      child.on('error', reject);
      child.on('close', (code) => {
        opts.signal?.removeEventListener('abort', kill);
        resolve({ exitCode: code ?? -1, stdout: out, stderr: err });
      });
    });
  return { run: { runId: 'local', exec, impair } as unknown as RunningTopology, seen };
}
