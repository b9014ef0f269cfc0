// The table printed at the end of a suite, then what failed and why: enough
// for a CI log to say what broke without opening the reports. An interrupted
// scenario has no verdict; those done before the interruption keep theirs.
import { interruptedDetail, verdictOf, type ScenarioOutcome, type SuiteReport } from './outcome';
import { plural } from '../report/plural';

const HEAD = ['scenario', 'verdict', 'assertions', 'traffic s', 'overhead s', 'wall s'] as const;
const WORD = { pass: 'pass', fail: 'FAIL', error: 'ERROR', interrupted: 'interrupted', skipped: 'skipped' } as const;

function row(o: ScenarioOutcome): string[] {
  const word = WORD[verdictOf(o)];
  if (o.kind === 'result') {
    const r = o.result;
    const passed = r.verdicts.filter((v) => v.pass).length;
    return [o.name, word, `${passed}/${r.verdicts.length}`, r.trafficSeconds.toFixed(1), r.overheadSeconds.toFixed(1), o.wallSeconds.toFixed(1)];
  }
  return [o.name, word, '-', '-', '-', o.kind === 'skipped' ? '-' : o.wallSeconds.toFixed(1)];
}

/**
 * "13 scenarios: 11 passed, 1 failed, 1 error, 0 skipped in 260.4 s"; when
 * Ctrl-C stopped it, how many were interrupted and that the suite has no verdict.
 */
export function suiteTotals(r: SuiteReport): string {
  const count = (v: string) => r.outcomes.filter((o) => verdictOf(o) === v).length;
  const stopped = count('interrupted') > 0 ? `, ${count('interrupted')} interrupted` : '';
  return `${plural(r.outcomes.length, 'scenario')}: ${count('pass')} passed, ${count('fail')} failed, ${plural(count('error'), 'error')}${stopped}, ${count('skipped')} skipped in ${r.wallSeconds.toFixed(1)} s` +
    (r.interrupted ? ` (interrupted by ${r.signal}: the suite has no verdict)` : '');
}

export function renderSummary(r: SuiteReport): string {
  const rows = r.outcomes.map(row);
  const w = HEAD.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i]!.length)));
  // Names and verdicts to the left, numbers to the right.
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ').trimEnd();
  return [line(HEAD), ...rows.map(line), suiteTotals(r), ...problems(r.outcomes)].join('\n') + '\n';
}

function problems(outcomes: readonly ScenarioOutcome[]): string[] {
  const failed = outcomes.flatMap((o) => {
    if (o.kind !== 'result' || o.result.pass) return [];
    const lines = o.result.verdicts.filter((v) => !v.pass).map((v) => `  ${o.name}: ${v.message}`);
    return o.result.evidence ? [...lines, `  ${o.name}: evidence in ${o.result.evidence}`] : lines;
  });
  const errors = outcomes.flatMap((o) => (o.kind === 'error' ? [`  ${o.name} (${o.reason}): ${o.message}`] : []));
  const stopped = outcomes.flatMap((o) => (o.kind === 'interrupted' ? [`  ${o.name}: ${interruptedDetail(o)}`] : []));
  return [
    ...(failed.length ? ['', 'failed assertions:', ...failed] : []), ...(errors.length ? ['', 'errors:', ...errors] : []),
    ...(stopped.length ? ['', 'interrupted:', ...stopped] : []),
  ];
}
