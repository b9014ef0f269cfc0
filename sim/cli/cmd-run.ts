import { writeFileSync } from 'node:fs';
import { AbortedError } from '../model/errors';
import { loadScenario } from '../plan/index';
import { kindsRuntime } from '../kinds/index';
import { hostPrefixes } from '../runtime/index';
import type { ProbeRecord } from '../assert/measured-data';
import { runScenario, type ScenarioResult } from '../scenario/run-scenario';
import { interruptedRun } from '../scenario/interrupted-run';
import { writeHtmlReport } from '../report/html/index';
import { portCountRow, portStatistics, renderTableI, renderTableII } from '../measure/port-tables';
import { helpText, parse, usageError, type CommandSpec } from './args';
import { htmlFileProblem, reportFileProblem } from './html-option';
import type { Context } from './context';

const spec = {
  usage: 'run SCENARIO [--json FILE] [--html FILE] [--keep] [--tables] [--evidence DIR]',
  summary: 'Runs a scenario: brings its topology up, plays its traffic, samples ports, checks its assertions, takes it down. Exit 0 when every assertion holds, 1 when one fails, ' +
    '130 when interrupted (Ctrl-C, SIGTERM: everything is taken down, --keep or not, and no assertion is evaluated).',
  options: { json: { type: 'string' }, html: { type: 'string' }, keep: { type: 'boolean' }, tables: { type: 'boolean' }, evidence: { type: 'string' } },
  details: [
    '  --tables       also print the paper\'s Tables I and II for each SMAP, from the port samples',
    '  --json FILE    write the whole result (verdicts, flows, samples, counters) as JSON;',
    '                 interrupted, only {"interrupted": true, "signal", "phase", "runId"} and no verdict',
    '  --html FILE    write a report with charts to FILE (.html, one self-contained file; docs/reports.md)',
    '  --keep         leave the topology up for a look (aplus down RUN after); Ctrl-C takes it down all the same',
    '  --evidence DIR where a failed run keeps its evidence (default aplus-evidence/)',
  ],
} as const satisfies CommandSpec;

export async function runCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(spec, argv);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (positionals.length !== 1) throw usageError(spec, 'expected one scenario file');
  const htmlProblem = values.html === undefined ? undefined : htmlFileProblem(values.html);
  if (htmlProblem) throw usageError(spec, htmlProblem);
  // Checked before the run, not after it: a run's result must not be lost to a missing folder.
  const jsonProblem = values.json === undefined ? undefined : reportFileProblem('--json', values.json);
  if (jsonProblem) throw usageError(spec, jsonProblem);
  const scenario = loadScenario(positionals[0]!, { host: hostPrefixes() });
  let result: ScenarioResult;
  try {
    await (await kindsRuntime()).reapOrphans(ctx.emit);
    result = await runScenario(scenario, { emit: ctx.emit, signal: ctx.signal, keep: values.keep === true, ...(values.evidence ? { evidenceDir: values.evidence } : {}) });
  } catch (e) {
    // After Ctrl-C, what failed failed because of it (before the run began: while it came up).
    const stop = e instanceof AbortedError ? e : ctx.signal.aborted ? AbortedError.of(ctx.signal, 'up') : undefined;
    if (!stop) throw e;
    // The JSON file says the run was interrupted, in place of a result (main prints no verdict).
    if (values.json) writeFileSync(values.json, JSON.stringify(interruptedRun(scenario, stop), null, 2) + '\n');
    throw stop;
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2) + '\n');
  if (values.html) writeHtmlReport(result, values.html);
  ctx.out.write(renderResult(result));
  if (values.tables) ctx.out.write(renderTables(result));
  return result.pass ? 0 : 1;
}

export function renderResult(r: ScenarioResult): string {
  const lines = r.verdicts.map((v) => `${v.pass ? 'pass' : 'FAIL'}  ${v.message}`);
  const flows = r.measured.flows.length;
  const ok = r.measured.flows.filter((f) => f.ok).length;
  const probes = (r.measured.probes ?? []).map((p) => `  probe ${p.name} (${p.kind}, ${p.client}): ${describeProbe(p)}`);
  const events = r.events.map((e) => `  event at ${e.at} s: ${e.what}${e.ok ? '' : ` FAILED: ${e.error ?? ''}`}`);
  return [
    `${r.scenario} (${r.runId}): ${r.pass ? 'pass' : 'FAIL'}`,
    ...lines.map((l) => `  ${l}`),
    ...events,
    ...probes,
    `  ${flows} flows, ${ok} delivered; ${r.measured.ports.length} port samples; traffic ${r.trafficSeconds.toFixed(1)} s, overhead ${r.overheadSeconds.toFixed(1)} s` +
      (r.kept ? `; kept up: aplus down ${r.runId}` : ''),
    ...(r.evidence ? [`  evidence kept in ${r.evidence} (README.txt says what is there and how to reproduce)`] : []),
  ].join('\n') + '\n';
}

/** One line of what a probe found. */
export function describeProbe(p: ProbeRecord): string {
  const icmp = p.icmpMtus && p.icmpMtus.length > 0 ? `, ICMP said ${p.icmpMtus.join(', ')}` : '';
  switch (p.kind) {
    case 'pmtu':
      return p.ok ? `path MTU ${p.pathMtu} by echoes${icmp}` : `no path MTU: ${p.reason ?? 'unknown'}${icmp}`;
    case 'udp-df':
      return `${p.received ?? 0} of ${p.sent ?? 0} datagrams echoed at ${p.size ?? '?'} bytes${p.adapts ? ' (adapts)' : ''}${icmp}`;
    case 'tcp-bulk':
      return `${p.ok ? 'completed' : `failed (${p.reason ?? 'unknown'})`}: ${p.bytes ?? 0} of ${p.bytesWanted ?? '?'} bytes ${p.direction ?? ''}, ${p.stalls ?? 0} stalls`;
  }
}

/** The paper's Tables I and II (II-A) for each SMAP of a run, from its port samples. */
export function renderTables(r: ScenarioResult): string {
  const smaps = [...new Set(r.measured.ports.map((p) => p.smap))];
  return smaps.map((smap) => {
    const rows = r.measured.ports.filter((p) => p.smap === smap).map((p) => portCountRow(Math.round(p.at), p));
    return `\n${smap}\n${renderTableI(rows, { caption: `IPV4 PORTS COUNTING, ${smap} (seconds into the run)` })}\n` +
      renderTableII(portStatistics(rows), { caption: `STATISTICS, ${smap}` });
  }).join('');
}
