// The port sampler inside a SMAP (the paper's measurement, II-A, made finer):
// every period it reads the SMAP's conntrack table and appends one JSON line
// of ports in use (port-sample.ts) to a file the orchestrator reads at the
// end. One long-lived process per SMAP: a `docker exec` per sample costs a
// runc start each, which on a loaded two-core machine took more CPU than the
// scenario itself (100 SMAPs sampled every 5 s).
// The table comes from /proc/net/nf_conntrack, a read without a fork; where
// the kernel has no such file, from `conntrack -L`.
// Usage: node ports.mjs --shared A --ports PORTS --every SECONDS --out FILE
// PORTS: FIRST-LAST, or "psid ID/LENGTH offset A" (port-set.ts).
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePortSet } from '../../aplus/core/port-set';
import { runDaemon } from '../../aplus/daemon/run-daemon';
import { nextTick, samplePorts } from './port-sample';
import { readProcFile } from './read-proc-file';
import { plural } from '../../report/plural';

const PROC = '/proc/net/nf_conntrack';

/** The kernel has the proc file or not for the sampler's whole life: chosen once. */
const readTable: () => Promise<string> = existsSync(PROC)
  ? () => Promise.resolve(readProcFile(PROC))
  : () => new Promise((resolve, reject) =>
    execFile('conntrack', ['-L'], { maxBuffer: 256 << 20 }, (err, stdout) => (err ? reject(err) : resolve(stdout))));

runDaemon('ports', () => {
  const { values } = parseArgs({
    options: { shared: { type: 'string' }, ports: { type: 'string' }, every: { type: 'string' }, out: { type: 'string' } },
  });
  const ports = parsePortSet(values.ports ?? '');
  const every = Number(values.every);
  if (!values.shared || !values.out || typeof ports === 'string' || !(every > 0)) {
    throw new RangeError(`usage: ports --shared IPV4 --ports FIRST-LAST|"psid ID/LENGTH offset A" --every SECONDS --out FILE${typeof ports === 'string' ? ` (${ports})` : ''}`);
  }
  const space = { shared: values.shared, range: ports };
  const out = values.out;
  const everyMs = Math.round(every * 1000);
  writeFileSync(out, '');
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  const schedule = () => {
    const tick = nextTick(Date.now(), everyMs);
    timer = setTimeout(() => void sample(tick), tick - Date.now());
  };
  const sample = async (tick: number) => {
    try {
      const table = await readTable();
      appendFileSync(out, JSON.stringify(samplePorts(table, space, tick, Date.now())) + '\n');
    } catch (e) {
      // Said once, then counted: a table that cannot be read loses samples, which the orchestrator sees as gaps.
      if (failures++ === 0) process.stderr.write(`ports: cannot read the conntrack table: ${(e as Error).message}\n`);
    }
    schedule();
  };
  schedule();
  return {
    close: () => {
      clearTimeout(timer);
      if (failures > 0) process.stderr.write(`ports: ${plural(failures, 'sample')} lost\n`);
    },
  };
});
