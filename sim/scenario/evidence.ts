// Failure forensics (docs/scenarios.md, "Evidence"): when an assertion fails,
// what the run saw is kept before the topology goes: each node's logs,
// captures and counters (/var/log/aplus and /run/aplus as a tarball), its
// main process's output, the whole result (flows, port samples, counters,
// probes), and the command that reproduces the run with the topology kept.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningTopology } from '../runtime/index';
import { eachNode } from './each-node';
import { LOG_DIR, RUN_DIR } from '../kinds/paths';

export interface EvidenceInput {
  readonly scenarioFile: string;
  readonly result: unknown;
  readonly failed: readonly string[];
}

/** Writes the evidence under `dir` and returns the files written (relative). */
export async function keepEvidence(run: RunningTopology, dir: string, input: EvidenceInput): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, data: string | Buffer) => {
    writeFileSync(join(dir, name), data);
    written.push(name);
  };
  await eachNode([...run.nodes.keys()], async (node) => {
    const tar = await run.exec(node, ['sh', '-c', `tar -C / -czf - ${LOG_DIR.slice(1)} ${RUN_DIR.slice(1)} 2>/dev/null | base64 -w0`]);
    if (tar.stdout.length > 0) write(`${node}.tar.gz`, Buffer.from(tar.stdout, 'base64'));
    const logs = await run.logs(node).catch((e: Error) => `(no logs: ${e.message})`);
    write(`${node}.log`, logs);
  });
  write('result.json', JSON.stringify(input.result, null, 2) + '\n');
  const reproduce = `aplus run ${input.scenarioFile} --keep`;
  write('README.txt', [
    `Evidence of run ${run.runId} (${input.scenarioFile}), kept because these assertions failed:`,
    ...input.failed.map((f) => `  - ${f}`),
    '',
    'Files: <node>.tar.gz holds the node\'s /var/log/aplus (daemon, generator and probe logs, flow records, captures)',
    'and /run/aplus (counters.json); <node>.log is what its main process printed; result.json is the whole result',
    '(verdicts, flows, port samples, counters, probes).',
    '',
    `To reproduce and look around (aplus exec NODE -- ..., then aplus down RUN):`,
    `  ${reproduce}`,
    '',
  ].join('\n'));
  return written.sort();
}
