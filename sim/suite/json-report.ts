// A suite as one JSON document: every ScenarioResult in full (as aplus run
// --json writes one), with its wall time, then the scenarios that could not
// run and those not run.
import { writeFileSync } from 'node:fs';
import type { ScenarioResult } from '../scenario/run-scenario';
import { suiteExitCode, type ErrorReason, type SuiteReport } from './outcome';

export interface SuiteJson {
  readonly exitCode: number;
  readonly startedAt: string;
  readonly wallSeconds: number;
  readonly interrupted: boolean;
  readonly results: ReadonlyArray<ScenarioResult & { readonly wallSeconds: number }>;
  readonly errors: ReadonlyArray<{ readonly file: string; readonly scenario: string; readonly reason: ErrorReason; readonly message: string; readonly line?: number; readonly key?: string }>;
  readonly skipped: ReadonlyArray<{ readonly file: string; readonly scenario: string; readonly because: string }>;
}

export function suiteJson(r: SuiteReport): SuiteJson {
  return {
    exitCode: suiteExitCode(r),
    startedAt: r.startedAt.toISOString(),
    wallSeconds: r.wallSeconds,
    interrupted: r.interrupted,
    results: r.outcomes.flatMap((o) => (o.kind === 'result' ? [{ ...o.result, wallSeconds: o.wallSeconds }] : [])),
    errors: r.outcomes.flatMap((o) =>
      o.kind === 'error'
        ? [{ file: o.file, scenario: o.name, reason: o.reason, message: o.message, ...(o.location?.line ? { line: o.location.line } : {}), ...(o.key ? { key: o.key } : {}) }]
        : [],
    ),
    skipped: r.outcomes.flatMap((o) => (o.kind === 'skipped' ? [{ file: o.file, scenario: o.name, because: o.because }] : [])),
  };
}

export function writeSuiteJson(file: string, r: SuiteReport): void {
  writeFileSync(file, JSON.stringify(suiteJson(r), null, 2) + '\n');
}
