// The streaming counts (histograms, tallies of blocks added up) equal a
// naive count that keeps every user's ports and peaks in memory.
import test from 'ava';
import fc from 'fast-check';
import { mergeTally, mixBlocks, portHold, sizeAnswers, tallyUsers, targetAnswers, userPlan, type Population } from '../../../sim/simulate';
import { loadProfile, scaleProfile, type ScaledProfile } from '../../../sim/traffic';

const PROFILES: ScaledProfile[] = [
  scaleProfile(loadProfile('web-facebook').profile),
  scaleProfile(loadProfile('gmail').profile),
  scaleProfile(loadProfile('skype').profile),
  scaleProfile(loadProfile('campus').profile, { share: 0.01 }),
  scaleProfile(loadProfile('game-racing').profile),
];

/** Ports taken at each moment a port is taken, from the holds themselves: the most of them. */
function naivePeak(holds: ReadonlyArray<{ from: number; to: number }>): number {
  const us = (x: number) => Math.round(x * 1e6);
  return Math.max(0, ...holds.map((h) => holds.filter((o) => us(o.from) <= us(h.from) && us(h.from) < us(o.to)).length));
}

test('tallies of any split of a population equal peaks counted user by user with every hold in memory', (t) => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 30 }),
    fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 3 }),
    fc.integer({ min: 0, max: 1000 }),
    fc.record({ udp: fc.integer({ min: 1, max: 60 }), udpStream: fc.integer({ min: 1, max: 200 }), tcpTimeWait: fc.integer({ min: 1, max: 240 }) }),
    fc.integer({ min: 0, max: 30 }),
    fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 4 }),
    (users, weights, seed, timeouts, cut, sizes) => {
      const blocks = mixBlocks(users, weights);
      const pop: Population = {
        users, seed, conntrack: { tcpFinWait: 120, tcpCloseWait: 60, tcpLastAck: 30, ...timeouts },
        entries: blocks.map((b, k) => ({ profile: PROFILES[(seed + k) % PROFILES.length]!, share: 1, percent: weights[k]!, ...b })),
      };
      const split = Math.min(cut, users);
      const tally = mergeTally(tallyUsers(pop, 0, split), tallyUsers(pop, split, users));

      const needs: number[] = [];
      const totals: number[] = [];
      for (let i = 0; i < users; i++) {
        const holds = userPlan(pop, i).items.map((it) => portHold(it, pop.conntrack));
        const tcp = naivePeak(holds.filter((h) => h.protocol === 'tcp'));
        const udp = naivePeak(holds.filter((h) => h.protocol === 'udp'));
        needs.push(Math.max(tcp, udp));
        totals.push(naivePeak(holds));
      }
      needs.sort((a, b) => a - b);
      totals.sort((a, b) => a - b);
      t.deepEqual(tally.need.cdf().map(([p]) => p), [...new Set(needs)]);
      t.deepEqual(tally.total.cdf().map(([p]) => p), [...new Set(totals)]);
      t.deepEqual(sizeAnswers(tally.need, sizes).map((a) => a.exhaustion), sizes.map((s) => needs.filter((n) => n > s).length / users));
      // The smallest size that serves the target: the user at rank ceil(q * users), counted from 1.
      t.deepEqual(targetAnswers(tally.need, [0.5, 0.99]).map((a) => a.size), [0.5, 0.99].map((q) => needs[Math.ceil(q * users) - 1]!));
    },
  ), { numRuns: 40 });
});
