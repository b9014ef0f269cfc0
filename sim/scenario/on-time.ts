// Whether each probe and event ran when the scenario planned it. Both start
// ahead, at the run's gate, and wait for the clock, but a machine busy enough
// can still make one late, and a probe planned before an event that then runs
// after it measures another network: upload-dark once "completed" through a
// black hole that had already been lifted. Such a run fails, saying so,
// rather than give a verdict about a plan it did not follow.
import { crossCheckVerdict, type Verdict } from '../assert/index';
import type { ProbeRecord } from '../assert/measured-data';
import type { ProbeSpec } from '../model/scenario-schema';
import type { AppliedEvent } from './scenario-events';

/** How late a probe or event may start, in milliseconds after t0 + at: a program's own start (Node, about 0.5 s) fits well within. */
export const LATE_MS = 2000;

function lateVerdict(index: number, title: string, lateMs: number, atS: number): Verdict {
  const v = crossCheckVerdict(index, title, false,
    `started ${(lateMs / 1000).toFixed(1)} s after its planned ${atS} s (at most ${LATE_MS / 1000} s late): what was measured is not what the scenario planned; the machine was too busy`);
  return { ...v, expected: `started within ${LATE_MS / 1000} s of ${atS} s` };
}

/** One failing verdict per probe that started more than LATE_MS late (its record's `started`); a probe without a record has its own failure. */
export function probeTimingVerdicts(first: number, specs: readonly ProbeSpec[], records: readonly ProbeRecord[], t0: number): Verdict[] {
  const out: Verdict[] = [];
  for (const spec of specs) {
    const r = records.find((x) => x.name === spec.name);
    if (!r || r.started <= 0) continue;
    const lateMs = r.started - (t0 + spec.at * 1000);
    if (lateMs > LATE_MS) out.push(lateVerdict(first + out.length, `probe ${spec.name} on time`, lateMs, spec.at));
  }
  return out;
}

/** One failing verdict per event applied more than LATE_MS late; an event that failed has its own verdict. */
export function eventTimingVerdicts(first: number, events: readonly AppliedEvent[], t0: number): Verdict[] {
  const out: Verdict[] = [];
  for (const e of events) {
    if (!e.ok || e.appliedAt === undefined) continue;
    const lateMs = e.appliedAt - (t0 + e.at * 1000);
    if (lateMs > LATE_MS) out.push(lateVerdict(first + out.length, `event at ${e.at} s on time (${e.what})`, lateMs, e.at));
  }
  return out;
}
