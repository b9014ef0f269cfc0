// The probe program of a client container (docs/probes.md), bundled into
// /opt/aplus/probe.mjs:
//   node probe.mjs --kind pmtu|udp-df|tcp-bulk --name NAME --client C --smap S --server IPV4 --out FILE [options]
// Writes one ProbeRecord line to --out and one line for people to stdout.
// Exit 0 when the probe ran, whatever it found (a failure is data), 2 for bad
// options (one line naming the option), 1 when it could not run.
import { writeFileSync } from 'node:fs';
import { parseProbeArgs, ProbeInputError, type ProbeOptions } from './probe-args';
import { formatProbe } from './probe-record';
import { runProbe } from './run-probe';

async function main(): Promise<number> {
  let opts: ProbeOptions;
  try {
    opts = parseProbeArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`probe: ${(e as Error).message}\n`);
    return e instanceof ProbeInputError ? 2 : 1;
  }
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
