// A probe that ran well after its planned time fails the run, naming itself.
import test from 'ava';
import { probeSchema } from '../../../sim/model/scenario-schema';
import type { ProbeRecord } from '../../../sim/assert/measured-data';
import { PROBE_LATE_MS, probeTimingVerdicts } from '../../../sim/scenario/probe-timing';

const T0 = 1_000_000;
const spec = (name: string, at: number) => probeSchema.parse({ name, kind: 'tcp-bulk', client: 'b', direction: 'up', bytes: 1000, at });
const record = (name: string, started: number): ProbeRecord => ({ record: 'probe', name, kind: 'tcp-bulk', client: 'b', smap: 'room1', started, ended: started + 1, ok: true });

test('probes started within the allowance give no verdict; one started later fails, numbered after the others', (t) => {
  const specs = [spec('dark', 0), spec('after', 12), spec('late', 0), spec('missing', 0)];
  const v = probeTimingVerdicts(7, specs, [
    record('dark', T0 + 600),
    record('after', T0 + 12_000 + PROBE_LATE_MS),
    record('late', T0 + 12_400),
    { ...record('missing', 0), ok: false },
  ], T0);
  t.deepEqual(v.map((x) => [x.index, x.pass, x.title]), [[7, false, 'probe late on time']]);
  t.regex(v[0]!.message, /^probe late on time: failed: started 12\.4 s after its planned 0 s \(at most 2 s late\)/);
  t.is(v[0]!.expected, 'started within 2 s of 0 s');
});

test('sleepUntil waits, in sh, until the epoch millisecond it is given, and not at all for one past', async (t) => {
  const { execFileSync } = await import('node:child_process');
  const { sleepUntil } = await import('../../../sim/scenario/probe-runs');
  const timed = (ms: number) => {
    const began = Date.now();
    execFileSync('sh', ['-c', `${sleepUntil(ms)}\necho done`]);
    return Date.now() - began;
  };
  t.true(timed(Date.now() + 400) >= 380);
  t.true(timed(Date.now() - 5000) < 300);
});
