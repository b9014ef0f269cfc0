// The simulator's prediction for an emulated run: the users behind one SMAP
// add up from their own starts, one user alone is what the simulator gives
// it, and the kernel's timeouts are read as they were.
import test from 'ava';
import { countsAt, parseTimeouts, peakAt, peaksOf, smapPeaks, type PortHold } from '../../../sim/simulate';
import { CONNTRACK_TIMEOUTS, profileSchema, scaleProfile, loadProfile } from '../../../sim/traffic';
import { planItems } from '../../../sim/traffic/generator';

/** Two TCP connections at 0, held 3 s. */
const two = scaleProfile(profileSchema.parse({
  name: 'two', description: 'hand-counted', source: { paper: 'none', numbers: ['none'] },
  phases: [{ name: 'p', start: 0, duration: 10, activities: [{ kind: 'tcp', port: 80, count: 2, concurrency: 2, interval: 5, hold: 3 }] }],
}));
const ct = { udp: 30, udpStream: 120, tcpTimeWait: 10 };

test('two users on one SMAP: overlapping holds add up, a later one whose ports the first freed does not', (t) => {
  // Each holds 2 ports over [start, start + 13).
  t.deepEqual(smapPeaks([{ smap: 'r1', start: 0, profile: two, seed: 1 }, { smap: 'r1', start: 5, profile: two, seed: 2 }], ct).r1, { tcp: 4, udp: 0, total: 4 });
  t.deepEqual(smapPeaks([{ smap: 'r1', start: 0, profile: two, seed: 1 }, { smap: 'r1', start: 13, profile: two, seed: 2 }], ct).r1, { tcp: 2, udp: 0, total: 2 });
  const apart = smapPeaks([{ smap: 'r1', start: 0, profile: two, seed: 1 }, { smap: 'r2', start: 0, profile: two, seed: 2 }], ct);
  t.deepEqual(Object.keys(apart).sort(), ['r1', 'r2']);
});

test('one user alone on a SMAP is what aplus simulate gives that user', (t) => {
  for (const name of ['web-facebook', 'professional', 'campus']) {
    const p = scaleProfile(loadProfile(name).profile, { share: name === 'campus' ? 0.01 : 1 });
    t.deepEqual(smapPeaks([{ smap: 'r', start: 7, profile: p, seed: 3 }], CONNTRACK_TIMEOUTS).r, peaksOf(planItems(p, 3), CONNTRACK_TIMEOUTS), name);
  }
});

test("the kernel's timeouts: three whole seconds, or nothing", (t) => {
  t.deepEqual(parseTimeouts('8\n32\n32\n'), { udp: 8, udpStream: 32, tcpTimeWait: 32 });
  t.is(parseTimeouts('8\n32\n'), undefined);
  t.is(parseTimeouts('cat: /proc/sys/net/netfilter/nf_conntrack_udp_timeout: No such file or directory'), undefined);
});

test('the peak a sampler could see: holds alive at its instants, from <= t < to', (t) => {
  const h = (from: number, to: number): PortHold => ({ protocol: 'tcp', from, to });
  // Three at once only over [2, 2.5): a look at each whole second never sees it.
  const holds = [h(0, 5), h(1, 2.5), h(2, 4), h(2, 2.5)];
  t.is(peakAt(holds, [0, 1, 2, 3, 4, 5]), 4);
  t.is(peakAt(holds, [0, 1, 3, 4, 5]), 2);
  t.is(peakAt(holds, [2.5]), 2, 'a hold ending at t is gone at t');
  t.is(peakAt(holds, []), 0);
  t.deepEqual(countsAt(holds, [0, 1, 2, 2.5, 3, 4, 5]), [1, 2, 4, 2, 2, 1, 0], 'the curve the report draws, one count per instant');
});
