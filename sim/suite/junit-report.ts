// A suite as JUnit XML, for CI: one <testsuite> per scenario, one
// <testcase> per assertion (classname the scenario, name the assertion's
// title). A failed assertion's <failure> says what was expected and what was
// measured; a scenario that could not run is one <testcase> with an <error>;
// one interrupted part-way is one <testcase> with an <error message="interrupted">
// (none of its assertions was evaluated, so none may pass); one not run
// (--bail, Ctrl-C) is one <testcase> marked <skipped>.
import { writeFileSync } from 'node:fs';
import builder, { type TestSuite } from 'junit-report-builder';
import type { Verdict as AssertionVerdict } from '../assert/evaluate';
import { interruptedDetail, type ScenarioOutcome, type SuiteReport } from './outcome';

export function junitXml(report: SuiteReport): string {
  const b = builder.newBuilder().name('aplus test');
  for (const o of report.outcomes) addSuite(b.testSuite(), o, report.startedAt);
  return b.build() + '\n';
}

export function writeJunit(file: string, report: SuiteReport): void {
  writeFileSync(file, junitXml(report));
}

function addSuite(s: TestSuite, o: ScenarioOutcome, suiteStart: Date): void {
  s.name(o.name).property('file', o.file);
  switch (o.kind) {
    case 'result': {
      const r = o.result;
      s.time(round(o.wallSeconds)).timestamp(o.startedAt)
        .property('run', r.runId)
        .property('trafficSeconds', r.trafficSeconds.toFixed(1))
        .property('overheadSeconds', r.overheadSeconds.toFixed(1));
      if (r.evidence) s.property('evidence', r.evidence);
      const names = uniqueTitles(r.verdicts);
      r.verdicts.forEach((v, i) => {
        const c = s.testCase().className(o.name).name(names[i]!).time(0).file(o.file);
        if (!v.pass) c.failure(failureMessage(v), failureType(v)).stacktrace(failureBody(v, r.evidence));
      });
      // A scenario without assertions still shows that it ran.
      if (r.verdicts.length === 0) s.testCase().className(o.name).name('runs').time(0).file(o.file);
      return;
    }
    case 'error': {
      s.time(round(o.wallSeconds)).timestamp(o.startedAt ?? suiteStart).property('reason', o.reason);
      const name = o.reason === 'bad-input' ? 'loads' : 'runs';
      const where = o.location ? `${o.location.file}${o.location.line ? `:${o.location.line}` : ''}${o.location.column ? `:${o.location.column}` : ''}` : o.file;
      s.testCase().className(o.name).name(name).time(round(o.wallSeconds)).file(o.file)
        .error(o.message, o.reason, [`${o.reason} in ${where}${o.key ? ` at ${o.key}` : ''}`, o.message].join('\n'));
      return;
    }
    case 'interrupted': {
      s.time(round(o.wallSeconds)).timestamp(o.startedAt).property('interrupted', o.signal);
      if (o.phase) s.property('phase', o.phase);
      if (o.runId) s.property('run', o.runId);
      s.testCase().className(o.name).name('runs').time(round(o.wallSeconds)).file(o.file).error('interrupted', 'interrupted', interruptedDetail(o));
      return;
    }
    case 'skipped':
      s.time(0).timestamp(suiteStart).property('skipped', o.because);
      s.testCase().className(o.name).name('runs').time(0).file(o.file).skipped();
      return;
    default:
      return o satisfies never;
  }
}

const round = (s: number) => Math.round(s * 1000) / 1000;

/** Every failure message carries what was expected and what was found, whatever the outcome. */
export function failureMessage(v: AssertionVerdict): string {
  return v.outcome === 'no-data' ? `${v.message} (expected ${v.expected})` : v.message;
}

function failureType(v: AssertionVerdict): string {
  if (v.outcome === 'no-data') return 'no-data';
  return v.expectFail ? 'expected-failure-passed' : 'assertion';
}

function failureBody(v: AssertionVerdict, evidence: string | undefined): string {
  return [
    `check: ${v.check}`,
    `expected: ${v.expected}`,
    `actual: ${v.actual}`,
    `outcome: ${v.outcome}${v.expectFail ? ' (marked expect: fail, a known bug: it should have failed)' : ''}`,
    ...(evidence ? [`evidence: ${evidence}`] : []),
  ].join('\n');
}

/** Titles as testcase names; a title that repeats in a scenario gets its position, so that CI tools keep both. */
function uniqueTitles(verdicts: readonly AssertionVerdict[]): string[] {
  const seen = new Map<string, number>();
  for (const v of verdicts) seen.set(v.title, (seen.get(v.title) ?? 0) + 1);
  return verdicts.map((v) => ((seen.get(v.title) ?? 0) > 1 ? `${v.title} [${v.index}]` : v.title));
}
