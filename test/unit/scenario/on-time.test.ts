// A probe or event that ran well after its planned time fails the run, naming itself.
import test from 'ava';
import { probeSchema } from '../../../sim/model/scenario-schema';
import type { ProbeRecord } from '../../../sim/assert/measured-data';
import { eventTimingVerdicts, LATE_MS, probeTimingVerdicts } from '../../../sim/scenario/on-time';
import type { AppliedEvent } from '../../../sim/scenario/scenario-events';

const T0 = 1_000_000;
const spec = (name: string, at: number) => probeSchema.parse({ name, kind: 'tcp-bulk', client: 'b', direction: 'up', bytes: 1000, at });
const record = (name: string, started: number): ProbeRecord => ({ record: 'probe', name, kind: 'tcp-bulk', client: 'b', smap: 'room1', started, ended: started + 1, ok: true });

test('probes started within the allowance give no verdict; one started later fails, numbered after the others', (t) => {
  const specs = [spec('dark', 0), spec('after', 12), spec('late', 0), spec('missing', 0)];
  const v = probeTimingVerdicts(7, specs, [
    record('dark', T0 + 600),
    record('after', T0 + 12_000 + LATE_MS),
    record('late', T0 + 12_400),
    { ...record('missing', 0), ok: false },
  ], T0);
  t.deepEqual(v.map((x) => [x.index, x.pass, x.title]), [[7, false, 'probe late on time']]);
  t.regex(v[0]!.message, /^probe late on time: failed: started 12\.4 s after its planned 0 s \(at most 2 s late\)/);
  t.is(v[0]!.expected, 'started within 2 s of 0 s');
});

test('events applied within the allowance give no verdict; a late one fails naming its time and change; a failed or unmeasured one is left to its own verdict', (t) => {
  const ev = (at: number, appliedAt: number | undefined, ok = true): AppliedEvent =>
    ({ at, what: `link of room1 MTU ${at}`, ok, ...(appliedAt === undefined ? {} : { appliedAt }) });
  const v = eventTimingVerdicts(3, [ev(5, T0 + 5000 + LATE_MS), ev(10, T0 + 17_500), ev(12, T0 + 30_000, false), ev(15, undefined)], T0);
  t.deepEqual(v.map((x) => [x.index, x.pass, x.title]), [[3, false, 'event at 10 s on time (link of room1 MTU 10)']]);
  t.regex(v[0]!.message, /started 7\.5 s after its planned 10 s/);
});
