// Whether each probe ran when the scenario planned it. A probe's exec can
// start seconds late on a busy machine (12 s once, beside campus-100's
// bring-up), and a probe planned before an event that then runs after it
// measures another network: upload-dark "completed" through a black hole
// that had already been lifted. Such a run fails, saying so, rather than
// give a verdict about a plan it did not follow.
import { crossCheckVerdict, type Verdict } from '../assert/index';
import type { ProbeRecord } from '../assert/measured-data';
import type { ProbeSpec } from '../model/scenario-schema';

/** How late a probe may start, in milliseconds after t0 + at: its program's own start (Node, about 0.5 s) fits well within. */
export const PROBE_LATE_MS = 2000;

/** One failing verdict per probe that started more than PROBE_LATE_MS late (its record's `started`); a probe without a record has its own failure. */
export function probeTimingVerdicts(first: number, specs: readonly ProbeSpec[], records: readonly ProbeRecord[], t0: number): Verdict[] {
  const out: Verdict[] = [];
  for (const spec of specs) {
    const r = records.find((x) => x.name === spec.name);
    if (!r || r.started <= 0) continue;
    const lateMs = r.started - (t0 + spec.at * 1000);
    if (lateMs <= PROBE_LATE_MS) continue;
    const v = crossCheckVerdict(first + out.length, `probe ${spec.name} on time`, false,
      `started ${(lateMs / 1000).toFixed(1)} s after its planned ${spec.at} s (at most ${PROBE_LATE_MS / 1000} s late): what it measured is not what the scenario planned; the machine was too busy to start it`);
    out.push({ ...v, expected: `started within ${PROBE_LATE_MS / 1000} s of ${spec.at} s` });
  }
  return out;
}
