// From assertions and measured data to verdicts, one line each. An
// assertion marked `expect: fail` stands for a known bug of the paper's
// system (III): it passes while its check fails, and fails once the check
// passes, so that a fix is noticed and the marker removed.
import type { Assertion } from './assertion-schema';
import { runCheck, type Outcome, type SimulatorAgreement } from './checks';
import type { Measured } from './measured-data';

export interface Verdict {
  /** Position in the scenario's list. */
  readonly index: number;
  readonly title: string;
  /** The assertion's check, or `event` for a scenario event that could not be applied. */
  readonly check: Assertion['check'] | 'event' | 'cross-check';
  /** The verdict, `expect` taken into account. */
  readonly pass: boolean;
  /** What the check itself found. */
  readonly outcome: Outcome;
  readonly expectFail: boolean;
  readonly expected: string;
  readonly actual: string;
  readonly message: string;
  /** check: simulator, each SMAP it compared (sim/report/html draws those that disagree). */
  readonly agreement?: SimulatorAgreement;
}

/** A short name from the check and its scope: "delivery client=b profile=web-facebook". */
export function titleOf(a: Assertion): string {
  if (a.name) return a.name;
  const scope = (['probe', 'node', 'client', 'smap', 'profile', 'class', 'reason', 'counter', 'type', 'by'] as const)
    .flatMap((k) => (k in a ? [`${k}=${String((a as Record<string, unknown>)[k])}`] : []))
    .filter((s) => !s.endsWith('=undefined'));
  return [a.check, ...scope].join(' ');
}

export function evaluateAssertion(a: Assertion, m: Measured, index = 0): Verdict {
  const r = runCheck(a, m);
  const expectFail = a.expect === 'fail';
  const title = titleOf(a);
  const base = { index, title, check: a.check, outcome: r.outcome, expectFail, expected: r.expected, actual: r.actual, ...(r.agreement ? { agreement: r.agreement } : {}) };
  if (r.outcome === 'no-data') return { ...base, pass: false, message: `${title}: no data: ${r.actual}` };
  const found = `expected ${r.expected}, got ${r.actual}`;
  if (!expectFail) return { ...base, pass: r.outcome === 'pass', message: `${title}: ${r.outcome === 'pass' ? 'ok' : 'failed'}: ${found}` };
  return r.outcome === 'fail'
    ? { ...base, pass: true, message: `${title}: fails as expected (known: ${a.because}): ${found}` }
    : { ...base, pass: false, message: `${title}: expected to fail (known: ${a.because}) but passed: ${found}; the bug looks fixed, remove expect: fail` };
}

/** A scenario event that failed (its command exited non-zero): the run cannot be trusted, so it fails. */
export function eventVerdict(index: number, e: { at: number; what: string; error?: string }): Verdict {
  const title = `event at ${e.at} s: ${e.what}`;
  return { index, title, check: 'event', pass: false, outcome: 'fail', expectFail: false, expected: 'applied', actual: e.error ?? 'failed', message: `${title}: failed: ${e.error ?? ''}` };
}

/**
 * Two instruments of one run compared (the generators' records against the
 * server's log): a disagreement means a figure of the run cannot be trusted,
 * so the run fails whatever its assertions say.
 */
export function crossCheckVerdict(index: number, title: string, agree: boolean, found: string): Verdict {
  return {
    index, title, check: 'cross-check', pass: agree, outcome: agree ? 'pass' : 'fail', expectFail: false,
    expected: 'the instruments agree', actual: found, message: `${title}: ${agree ? 'ok' : 'failed'}: ${found}`,
  };
}

export function evaluate(assertions: readonly Assertion[], m: Measured): Verdict[] {
  return assertions.map((a, i) => evaluateAssertion(a, m, i));
}
