// The probe program of a client container (docs/probes.md), bundled into
// /opt/aplus/probe.mjs:
//   node probe.mjs --kind pmtu|udp-df|tcp-bulk --name NAME --client C --smap S --server IPV4 --out FILE
//                  [--start-at EPOCH_MS|stdin] [--offset S] [options]
// Writes one ProbeRecord line to --out and one line for people to stdout.
// With --start-at stdin it says it is ready and runs at the start it is sent
// plus --offset (start-handshake.ts). Exit 0 when the probe ran, whatever it
// found (a failure is data), 2 for bad options (one line naming the option)
// or a bad start line, 1 when it could not run, 4 when stdin closed before
// its start line (the run is gone: nothing sent).
import { writeFileSync } from 'node:fs';
import { parseProbeArgs, ProbeInputError, type ProbeOptions } from './probe-args';
import { formatProbe } from './probe-record';
import { runProbe } from './run-probe';
import { startTime } from '../traffic/generator/start-handshake';
import { setTimeout as sleep } from 'node:timers/promises';

async function main(): Promise<number> {
  let opts: ProbeOptions;
  try {
    opts = parseProbeArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`probe: ${(e as Error).message}\n`);
    return e instanceof ProbeInputError ? 2 : 1;
  }
  const at = await startTime('probe', opts.start);
  if (typeof at !== 'number') return at.exit;
  await sleep(Math.max(0, at + opts.offsetS * 1000 - Date.now()));
  try {
    const record = await runProbe(opts);
    writeFileSync(opts.out, `${JSON.stringify(record)}\n`);
    process.stdout.write(`${formatProbe(record)}\n`);
    return 0;
  } catch (e) {
    const hint = (e as { hint?: unknown }).hint;
    process.stderr.write(`probe ${opts.name}: ${(e as Error).message}${typeof hint === 'string' ? ` (${hint})` : ''}\n`);
    return 1;
  }
}

void main().then((code) => process.exit(code));
