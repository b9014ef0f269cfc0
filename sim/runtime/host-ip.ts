// The one place that runs iproute2 (ip, tc) on the host, always inside a
// container's network namespace (nsenter --net), never in the host's own: a
// run changes nothing of the host's links, addresses, routes or qdiscs.
import { execFile } from 'node:child_process';
import { EnvironmentError } from '../model/errors';

/** One `ip -batch` (or `tc -batch`) line as words; a word with a space or a quote would be read as two, so none has one. */
export type IpCommand = readonly string[];

const BAD_WORD = /[\s"'\\#]/;

/** Runs the commands in the network namespace of process pid (a container's init, as Docker reports it), all in one `ip -batch`. */
export const ipBatchIn = (pid: number, commands: readonly IpCommand[]): Promise<void> => batchIn('ip', pid, commands);

/** The same for tc: qdiscs on the fabric's ports. */
export const tcBatchIn = (pid: number, commands: readonly IpCommand[]): Promise<void> => batchIn('tc', pid, commands);

async function batchIn(tool: 'ip' | 'tc', pid: number, commands: readonly IpCommand[]): Promise<void> {
  if (commands.length === 0) return;
  for (const words of commands) {
    const bad = words.find((w) => w === '' || BAD_WORD.test(w));
    if (bad !== undefined) throw new Error(`${tool} command ${JSON.stringify(words)}: word ${JSON.stringify(bad)} cannot go in a batch`);
  }
  const input = commands.map((w) => w.join(' ')).join('\n') + '\n';
  await new Promise<void>((resolve, reject) => {
    const child = execFile('nsenter', [`--net=/proc/${pid}/ns/net`, tool, '-batch', '-'], { timeout: 30_000 }, (err, _out, stderr) => {
      if (!err) return resolve();
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      reject(new EnvironmentError(`${tool} in the namespace of pid ${pid} failed: ${stderr.trim() || err.message}`, {
        hint: missing ? 'aplus needs nsenter (util-linux) and ip (iproute2) on the host' : 'aplus needs root on the host to wire its nodes (nsenter, ip)',
        cause: err,
      }));
    });
    child.stdin?.end(input);
  });
}
