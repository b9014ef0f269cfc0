// Lateness of flows against the scenario's plan (t0 + generator start + planned time).
import test from 'ava';
import { flowLateness, latenessWarning } from '../../../sim/scenario/flow-lateness';

const T0 = 1_800_000_000_000;
const flow = (client: string, planned: number, startedS: number, reason?: string) => ({ client, planned, started: T0 + startedS * 1000, ...(reason ? { reason } : {}) });

test('lateness counts from t0 plus the generator start plus the planned time', (t) => {
  const l = flowLateness([0, 10], [
    [flow('a', 0, 0.1), flow('a', 5, 5.2)],
    // The second generator starts at 10 s: its flow planned at 0 began 7.5 s late.
    [flow('b', 0, 17.5), flow('b', 3, 13.4)],
  ], T0);
  t.like(l, { flows: 4, late: 1, overS: 2, worst: 'b' });
  t.is(Math.round(l.maxS * 10) / 10, 7.5);
  t.regex(latenessWarning(l)!, /^1 of 4 flows began more than 2 s after their planned time, at most 7\.5 s \(b\)/);
});

test('flows that never started are not late, and on-time runs warn of nothing', (t) => {
  const l = flowLateness([0], [[flow('a', 0, 0.5), flow('a', 1, 30, 'not-started')]], T0);
  t.like(l, { flows: 1, late: 0 });
  t.is(latenessWarning(l), undefined);
  t.like(flowLateness([], [], T0), { flows: 0, late: 0, maxS: 0 });
});
