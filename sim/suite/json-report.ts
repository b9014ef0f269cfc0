// A suite as one JSON document: every ScenarioResult in full (as aplus run
// --json writes one), with its wall time, then the scenarios that could not
// run, those interrupted part-way (no verdict) and those not run. An
// interrupted suite says so at the top, with the signal.
import { writeFileSync } from 'node:fs';
import type { RunPhase } from '../model/errors';
import type { ScenarioResult } from '../scenario/run-scenario';
import { suiteExitCode, type ErrorReason, type SuiteReport, type SuiteStop } from './outcome';

export type SuiteJson = SuiteStop & {
  readonly exitCode: number;
  readonly startedAt: string;
  readonly wallSeconds: number;
  readonly results: ReadonlyArray<ScenarioResult & { readonly wallSeconds: number }>;
  readonly errors: ReadonlyArray<{ readonly file: string; readonly scenario: string; readonly reason: ErrorReason; readonly message: string; readonly line?: number; readonly key?: string }>;
  readonly interruptedScenarios: ReadonlyArray<{
    readonly file: string; readonly scenario: string; readonly signal: string; readonly phase?: RunPhase; readonly runId?: string; readonly wallSeconds: number;
  }>;
  readonly skipped: ReadonlyArray<{ readonly file: string; readonly scenario: string; readonly because: string }>;
};

export function suiteJson(r: SuiteReport): SuiteJson {
  return {
    exitCode: suiteExitCode(r),
    ...(r.interrupted ? { interrupted: true as const, signal: r.signal } : { interrupted: false as const }),
    startedAt: r.startedAt.toISOString(),
    wallSeconds: r.wallSeconds,
    results: r.outcomes.flatMap((o) => (o.kind === 'result' ? [{ ...o.result, wallSeconds: o.wallSeconds }] : [])),
    errors: r.outcomes.flatMap((o) =>
      o.kind === 'error'
        ? [{ file: o.file, scenario: o.name, reason: o.reason, message: o.message, ...(o.location?.line ? { line: o.location.line } : {}), ...(o.key ? { key: o.key } : {}) }]
        : [],
    ),
    interruptedScenarios: r.outcomes.flatMap((o) =>
      o.kind === 'interrupted'
        ? [{ file: o.file, scenario: o.name, signal: o.signal, ...(o.phase ? { phase: o.phase } : {}), ...(o.runId ? { runId: o.runId } : {}), wallSeconds: o.wallSeconds }]
        : [],
    ),
    skipped: r.outcomes.flatMap((o) => (o.kind === 'skipped' ? [{ file: o.file, scenario: o.name, because: o.because }] : [])),
  };
}

export function writeSuiteJson(file: string, r: SuiteReport): void {
  writeFileSync(file, JSON.stringify(suiteJson(r), null, 2) + '\n');
}
