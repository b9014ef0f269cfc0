// Fakes for the suite's tests: scenarios that are only a name and subnets,
// results with real verdicts (evaluated from real assertions), and a runner
// whose runs end when the test says so. No Docker.
import { assertionSchema, evaluateAssertion, type AssertionInput, type Measured, type Verdict } from '../../../../sim/assert/index';
import { AbortedError } from '../../../../sim/model/errors';
import type { LoadedScenario } from '../../../../sim/plan/load-scenario';
import { CONNTRACK_TIMEOUTS } from '../../../../sim/traffic/conntrack-timeouts';
import type { RunOptions, ScenarioResult } from '../../../../sim/scenario/run-scenario';
import { type GoodEntry, type ScenarioRunner } from '../../../../sim/suite/index';

/** A scenario whose plan is one network per subnet, nothing else. */
export function fakeScenario(name: string, subnets: readonly string[], tags: readonly string[] = []): LoadedScenario {
  return {
    file: `fake/${name}.yaml`,
    name,
    tags,
    plan: {
      name,
      nodes: [],
      networks: subnets.map((subnet, i) => ({ key: `net${i}`, kind: 'link', family: subnet.includes(':') ? 6 : 4, subnet, gateway: '', mtu: 1500, origin: [] })),
    },
    traffic: [],
    seed: 1,
    conntrack: CONNTRACK_TIMEOUTS,
    sampleEvery: 1,
    probes: [],
    events: [],
    assertions: [],
  };
}

export function fakeEntry(name: string, subnets: readonly string[], tags: readonly string[] = []): GoodEntry {
  const scenario = fakeScenario(name, subnets, tags);
  return { kind: 'scenario', file: scenario.file, scenario };
}

/** What the fake runs measured: client b delivered 39 of 40 flows; room1 used at most 10 ports of 10. */
export const measured: Measured = {
  flows: [...Array.from({ length: 39 }, () => ({ client: 'b', smap: 'room1', profile: 'web-facebook', ok: true })), { client: 'b', smap: 'room1', profile: 'web-facebook', ok: false, reason: 'timeout' }],
  ports: [{ at: 0, smap: 'room1', rangeSize: 10, total: 10, dns: 5, http: 5, https: 0, other: 0, outOfRange: 0 }],
  counters: {},
};

export const verdictOf = (a: AssertionInput, index = 0): Verdict => evaluateAssertion(assertionSchema.parse(a), measured, index);

/** Real verdicts on the fake measurements. */
export const verdicts = {
  /** ports smap=room1 class=total: at most 10, measured 10. */
  pass: (i = 0) => verdictOf({ check: 'ports', smap: 'room1', atMost: 10 }, i),
  /** delivery client=b: at least 99%, measured 97.5%. */
  fail: (i = 0) => verdictOf({ check: 'delivery', client: 'b', atLeast: 0.99 }, i),
  /** within-range smap=room1 marked as a known bug, but it holds. */
  expectedFailurePassing: (i = 0) => verdictOf({ check: 'within-range', smap: 'room1', expect: 'fail', because: 'a known bug' }, i),
};

export function fakeResult(s: LoadedScenario, vs: readonly Verdict[], extra: Partial<ScenarioResult> = {}): ScenarioResult {
  const pass = vs.every((v) => v.pass);
  return {
    scenario: s.name, file: s.file, runId: `${s.name}-abc123`, pass, verdicts: vs, measured, events: [],
    trafficSeconds: 12.5, overheadSeconds: 3.25, kept: false, ...(pass ? {} : { evidence: `aplus-evidence/${s.name}-abc123` }), ...extra,
  };
}

export type Outcome = readonly Verdict[] | Error;

/**
 * A runner whose runs end when release(name) is called, logging "start x"
 * and "end x" in order. A run whose signal aborts ends at once with
 * AbortedError (during traffic of run NAME-abc123), as runScenario does once
 * it has taken its topology down.
 */
export function gatedRunner(outcomes: Readonly<Record<string, Outcome>> = {}) {
  const log: string[] = [];
  const gates = new Map<string, () => void>();
  const runner: ScenarioRunner = (s: LoadedScenario, opts: RunOptions) =>
    new Promise<ScenarioResult>((resolve, reject) => {
      log.push(`start ${s.name}`);
      const finish = () => {
        log.push(`end ${s.name}`);
        const o = outcomes[s.name] ?? [verdicts.pass()];
        if (o instanceof Error) reject(o);
        else resolve(fakeResult(s, o));
      };
      gates.set(s.name, finish);
      opts.signal?.addEventListener('abort', () => {
        if (log.includes(`end ${s.name}`)) return;
        log.push(`aborted ${s.name}`);
        reject(AbortedError.of(opts.signal!, 'traffic', `${s.name}-abc123`));
      });
    });
  return {
    runner,
    log,
    running: () => [...gates.keys()].filter((n) => !log.includes(`end ${n}`)),
    release(name: string) {
      const g = gates.get(name);
      if (!g) throw new Error(`${name} has not started`);
      g();
    },
  };
}

/** A runner that ends each run after a given number of milliseconds, logging starts and ends. */
export function delayRunner(ms: (name: string) => number, outcomes: Readonly<Record<string, Outcome>> = {}) {
  const log: string[] = [];
  const runner: ScenarioRunner = async (s) => {
    log.push(`start ${s.name}`);
    await new Promise((r) => setTimeout(r, ms(s.name)));
    log.push(`end ${s.name}`);
    const o = outcomes[s.name] ?? [verdicts.pass()];
    if (o instanceof Error) throw o;
    return fakeResult(s, o);
  };
  return { runner, log };
}

/** Lets the scheduler react to what just happened (a run ended, a signal fired). */
export const settle = () => new Promise((r) => setTimeout(r, 20));
