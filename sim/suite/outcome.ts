// What a suite run is made of: the entries it was given (a loaded scenario,
// or a file that would not load) and what became of each, in file order.
import type { RunPhase, SourceLocation } from '../model/errors';
import type { LoadedScenario } from '../plan/load-scenario';
import type { ScenarioResult } from '../scenario/run-scenario';

/** A scenario file that loaded. */
export interface GoodEntry {
  readonly kind: 'scenario';
  readonly file: string;
  readonly scenario: LoadedScenario;
}

/** A file that did not load: its message already says file:line key. */
export interface BadEntry {
  readonly kind: 'bad';
  readonly file: string;
  readonly message: string;
  readonly location?: SourceLocation;
  readonly key?: string;
  /** The tags the file declares, when its YAML could be read that far; else unknown. */
  readonly tags?: readonly string[];
}

export type SuiteEntry = GoodEntry | BadEntry;

/** Why a scenario could not run: its file, the machine, or aplus itself. */
export type ErrorReason = 'bad-input' | 'environment' | 'crash';

export type ScenarioOutcome =
  | { readonly kind: 'result'; readonly file: string; readonly name: string; readonly result: ScenarioResult; readonly wallSeconds: number; readonly startedAt: Date }
  | {
      readonly kind: 'error';
      readonly file: string;
      readonly name: string;
      readonly reason: ErrorReason;
      readonly message: string;
      readonly location?: SourceLocation;
      readonly key?: string;
      readonly wallSeconds: number;
      readonly startedAt?: Date;
    }
  /** Ctrl-C or SIGTERM stopped it part-way: taken down, no verdict. Phase and run when the runner said (runScenario does). */
  | {
      readonly kind: 'interrupted';
      readonly file: string;
      readonly name: string;
      readonly signal: string;
      readonly phase?: RunPhase;
      readonly runId?: string;
      readonly wallSeconds: number;
      readonly startedAt: Date;
    }
  | { readonly kind: 'skipped'; readonly file: string; readonly name: string; readonly because: 'bail' | 'interrupted' };

export type Verdict = 'pass' | 'fail' | 'error' | 'interrupted' | 'skipped';

export function verdictOf(o: ScenarioOutcome): Verdict {
  if (o.kind === 'result') return o.result.pass ? 'pass' : 'fail';
  return o.kind;
}

/** A suite is interrupted, with the signal that did it, or not. */
export type SuiteStop = { readonly interrupted: false } | { readonly interrupted: true; readonly signal: string };

export type SuiteReport = SuiteStop & {
  /** One per entry, in the entries' (file) order, whatever order they ran in. Scenarios done before an interruption keep their verdicts. */
  readonly outcomes: readonly ScenarioOutcome[];
  readonly wallSeconds: number;
  readonly startedAt: Date;
};

/** What an interrupted scenario's reports say: by what, where, and that its run was removed. */
export function interruptedDetail(o: Extract<ScenarioOutcome, { kind: 'interrupted' }>): string {
  return `by ${o.signal}${o.phase ? ` during ${o.phase}` : ''}${o.runId ? ` of run ${o.runId}` : ''}; what the run made was removed, no assertion was evaluated`;
}

/**
 * 130 when Ctrl-C stopped the suite; 1 when a scenario failed, could not be
 * loaded or could not run; 0 when every scenario passed.
 */
export function suiteExitCode(r: SuiteReport): 0 | 1 | 130 {
  if (r.interrupted) return 130;
  return r.outcomes.every((o) => verdictOf(o) === 'pass') ? 0 : 1;
}

/** The name a file goes by in reports: the scenario's name, else the file's base name. */
export function entryName(e: SuiteEntry): string {
  if (e.kind === 'scenario') return e.scenario.name;
  return e.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
}
