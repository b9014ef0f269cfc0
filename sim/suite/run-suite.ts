// The suite runner: scenarios one after another, or up to `parallel` at
// once (each run has its own fabric, so any two may share subnets; never two
// heavy ones, scenario-load.ts), going on after a failure (or stopping at
// the first with `bail`), and stopping cleanly on Ctrl-C. The runner of one
// scenario is given (runScenario in the CLI, a fake in unit tests).
import { AbortedError, AplusError, EnvironmentError, abortReason } from '../model/errors';
import type { LoadedScenario } from '../plan/load-scenario';
import { silent, type EventSink } from '../report/events';
import type { RunOptions, ScenarioResult } from '../scenario/run-scenario';
import { entryName, interruptedDetail, verdictOf, type ErrorReason, type GoodEntry, type ScenarioOutcome, type SuiteEntry, type SuiteReport } from './outcome';
import { isHeavy, pickNext } from './scenario-load';
import type { SuiteSink } from './suite-events';

export type ScenarioRunner = (scenario: LoadedScenario, opts: RunOptions) => Promise<ScenarioResult>;

export interface SuiteOptions {
  readonly runner: ScenarioRunner;
  /** Scenarios up at once, at most; default 1. */
  readonly parallel?: number;
  /** Start nothing more after the first failure (a bad file counts: nothing starts). */
  readonly bail?: boolean;
  /** Ctrl-C: running scenarios are aborted (they take themselves down), nothing more starts. */
  readonly signal?: AbortSignal;
  readonly emit?: SuiteSink;
  /** Where each run's own events go. */
  readonly runEvents?: EventSink;
  readonly evidenceDir?: string;
  /** Called with each result as its scenario ends (the CLI writes reports from it). */
  readonly onResult?: (result: ScenarioResult) => void | Promise<void>;
  /** Which scenarios must not run beside each other (default isHeavy). */
  readonly heavy?: (scenario: LoadedScenario) => boolean;
}

export async function runSuite(entries: readonly SuiteEntry[], opts: SuiteOptions): Promise<SuiteReport> {
  const started = performance.now();
  const startedAt = new Date();
  const parallel = Math.max(1, Math.floor(opts.parallel ?? 1));
  const emit = opts.emit ?? (() => {});
  const total = entries.length;
  const outcomes: Array<ScenarioOutcome | undefined> = entries.map(() => undefined);
  const at = (i: number) => ({ index: i + 1, total });

  // Bad files are known before anything runs: each is its scenario's error.
  entries.forEach((e, i) => {
    if (e.kind !== 'bad') return;
    outcomes[i] = {
      kind: 'error', file: e.file, name: entryName(e), reason: 'bad-input', message: e.message, wallSeconds: 0,
      ...(e.location ? { location: e.location } : {}), ...(e.key ? { key: e.key } : {}),
    };
    emit({ kind: 'scenario-end', scenario: entryName(e), file: e.file, ...at(i), verdict: 'error', detail: e.message });
  });

  const runOne = async (i: number, e: GoodEntry): Promise<number> => {
    const name = e.scenario.name;
    emit({ kind: 'scenario-start', scenario: name, file: e.file, ...at(i) });
    const t0 = performance.now();
    const runStart = new Date();
    const seconds = () => (performance.now() - t0) / 1000;
    let outcome: ScenarioOutcome;
    try {
      const result = await opts.runner(e.scenario, {
        emit: opts.runEvents ?? silent,
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.evidenceDir ? { evidenceDir: opts.evidenceDir } : {}),
      });
      // A run stopped half-way may still return what it saw: it is not a verdict.
      outcome = opts.signal?.aborted
        ? interrupted(e, seconds(), runStart, opts.signal)
        : { kind: 'result', file: e.file, name, result, wallSeconds: seconds(), startedAt: runStart };
    } catch (err) {
      outcome = opts.signal?.aborted
        ? interrupted(e, seconds(), runStart, opts.signal, err)
        : { kind: 'error', file: e.file, name, reason: reasonOf(err), message: messageOf(err), wallSeconds: seconds(), startedAt: runStart };
    }
    outcomes[i] = outcome;
    if (outcome.kind === 'result' && opts.onResult) {
      try {
        await opts.onResult(outcome.result);
      } catch (err) {
        emit({ kind: 'suite-warning', scenario: name, message: `reporting the result failed: ${messageOf(err)}` });
      }
    }
    emit(endEvent(outcome, at(i)));
    return i;
  };

  const failed = () => outcomes.some((o) => o !== undefined && (verdictOf(o) === 'fail' || verdictOf(o) === 'error'));
  const stopped = () => opts.signal?.aborted === true || (opts.bail === true && failed());
  const queue = entries.flatMap((e, i) => (e.kind === 'scenario' ? [{ i, e }] : []));
  const running = new Map<number, Promise<number>>();
  const heavy = new Set(queue.filter((q) => (opts.heavy ?? isHeavy)(q.e.scenario)).map((q) => q.i));

  for (;;) {
    if (!stopped()) {
      // In file order, but never two heavy scenarios at once (scenario-load.ts).
      while (running.size < parallel) {
        const k = pickNext(queue, (q) => heavy.has(q.i), [...running.keys()].some((i) => heavy.has(i)));
        if (k === undefined) break;
        const [next] = queue.splice(k, 1);
        running.set(next!.i, runOne(next!.i, next!.e));
      }
    }
    if (running.size === 0) break;
    running.delete(await Promise.race(running.values()));
  }

  const because = opts.signal?.aborted ? 'interrupted' : 'bail';
  for (const { i, e } of queue) {
    outcomes[i] = { kind: 'skipped', file: e.file, name: e.scenario.name, because };
    emit({ kind: 'scenario-end', scenario: e.scenario.name, file: e.file, ...at(i), verdict: 'skipped', detail: because === 'bail' ? 'after a failure, with --bail' : 'interrupted' });
  }
  return {
    outcomes: outcomes.map((o) => o!), // every index is set above: bad, run or skipped
    wallSeconds: (performance.now() - started) / 1000,
    startedAt,
    ...(opts.signal?.aborted ? { interrupted: true as const, signal: abortReason(opts.signal) } : { interrupted: false as const }),
  };
}

/** A run stopped part-way; runScenario's AbortedError says where, a fake's error may not. */
function interrupted(e: GoodEntry, wallSeconds: number, startedAt: Date, signal: AbortSignal, err?: unknown): ScenarioOutcome {
  const where = err instanceof AbortedError ? { phase: err.phase, ...(err.runId ? { runId: err.runId } : {}) } : {};
  return { kind: 'interrupted', file: e.file, name: e.scenario.name, signal: abortReason(signal), ...where, wallSeconds, startedAt };
}

function reasonOf(e: unknown): ErrorReason {
  if (e instanceof AplusError && e.exitCode === 2) return 'bad-input';
  if (e instanceof AplusError && e.exitCode === 3) return 'environment';
  return 'crash';
}

function messageOf(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  return e instanceof EnvironmentError && e.hint ? `${e.message} (${e.hint})` : e.message;
}

function endEvent(o: ScenarioOutcome, at: { index: number; total: number }) {
  const base = { kind: 'scenario-end' as const, scenario: o.name, file: o.file, ...at, verdict: verdictOf(o) };
  if (o.kind === 'result') {
    const passed = o.result.verdicts.filter((v) => v.pass).length;
    return { ...base, passed, assertions: o.result.verdicts.length, seconds: o.wallSeconds, ...(o.result.evidence ? { detail: `evidence in ${o.result.evidence}` } : {}) };
  }
  if (o.kind === 'interrupted') return { ...base, seconds: o.wallSeconds, detail: interruptedDetail(o) };
  return o.kind === 'error' ? { ...base, seconds: o.wallSeconds, detail: o.message } : base;
}
