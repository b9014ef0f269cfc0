// One user's ports: a tiny profile whose peaks are worked out by hand, the
// conntrack timeouts stretching each hold, and the CDF of a small mix.
import test from 'ava';
import { peaksOf, tallyUsers, mixBlocks, sizeAnswers, targetAnswers, type Population } from '../../../sim/simulate';
import { CONNTRACK_TIMEOUTS, profileSchema, scaleProfile } from '../../../sim/traffic';
import { planItems } from '../../../sim/traffic/generator';

/**
 * TCP: two waves of 2 connections, at 0 and 5 s, each held 3 s.
 * UDP: 3 DNS lookups at 0; one echoed flow from 2 s for 4 s at 1 packet a second (a stream).
 */
const tiny = scaleProfile(profileSchema.parse({
  name: 'tiny', description: 'hand-counted', source: { paper: 'none', numbers: ['none'] },
  phases: [{ name: 'p', start: 0, duration: 10, activities: [
    { kind: 'tcp', port: 80, count: 4, concurrency: 2, interval: 5, hold: 3 },
    { kind: 'dns', count: 3, names: ['a{i}.test'] },
    { kind: 'udp', port: 5000, at: 2, count: 1, hold: 4, rate: 1, size: 100 },
  ] }],
}));

const ct = (tcpTimeWait: number) => ({ ...CONNTRACK_TIMEOUTS, tcpTimeWait });

test('TIME_WAIT 10 s: both TCP waves overlap (4), the lookups and the stream are 4 UDP ports, 8 at 5 s', (t) => {
  // TCP [0,13) x2 and [5,18) x2; DNS [0,30) x3; the stream [2, 2+4+120).
  t.deepEqual(peaksOf(planItems(tiny, 1), ct(10)), { tcp: 4, udp: 4, total: 8 });
});

test('TIME_WAIT 2 s: a port freed at 5 s is free for the wave that starts at 5 s', (t) => {
  // TCP [0,5) then [5,10): never more than 2.
  t.deepEqual(peaksOf(planItems(tiny, 1), ct(2)), { tcp: 2, udp: 4, total: 6 });
});

test('a UDP flow shorter than 2 s is no stream: its port is kept the udp timeout, not the stream one', (t) => {
  const short = scaleProfile(profileSchema.parse({
    name: 'short', description: 'x', source: { paper: 'none', numbers: ['none'] },
    phases: [{ name: 'p', start: 0, duration: 200, activities: [
      { kind: 'udp', port: 5000, count: 1, hold: 1, rate: 10, size: 100 },
      { kind: 'udp', port: 5000, at: 40, count: 1, hold: 1, rate: 10, size: 100 },
    ] }],
  }));
  // [0, 1+30) and [40, 71): apart; as streams [0, 121) and [40, 161) would overlap.
  t.is(peaksOf(planItems(short, 1), CONNTRACK_TIMEOUTS).udp, 1);
});

test('a mix of 3 tiny users and 1 who only looks names up: the CDF has a step per peak, sizes and targets follow', (t) => {
  const lookups = { ...tiny, phases: [{ ...tiny.phases[0]!, activities: [tiny.phases[0]!.activities[1]!] }] };
  const pop: Population = {
    users: 4, seed: 1, conntrack: ct(10),
    entries: mixBlocks(4, [75, 25]).map((b, k) => ({ profile: k === 0 ? tiny : lookups, share: 1, percent: k === 0 ? 75 : 25, ...b })),
  };
  const tally = tallyUsers(pop, 0, 4);
  t.deepEqual(tally.need.cdf(), [[3, 0.25], [4, 1]]);
  t.deepEqual(tally.total.cdf(), [[3, 0.25], [8, 1]]);
  t.deepEqual(tally.tcp.cdf(), [[0, 0.25], [4, 1]]);
  t.deepEqual(sizeAnswers(tally.need, [3, 4]), [{ size: 3, ratio: 21504, exhaustion: 0.75 }, { size: 4, ratio: 16128, exhaustion: 0 }]);
  t.deepEqual(targetAnswers(tally.need, [0.25, 0.99]), [{ target: 0.25, size: 3, ratio: 21504 }, { target: 0.99, size: 4, ratio: 16128 }]);
});

test('mix blocks add up to the users, in the order of the entries', (t) => {
  t.deepEqual(mixBlocks(10, [70, 20, 10]), [{ first: 0, users: 7 }, { first: 7, users: 2 }, { first: 9, users: 1 }]);
  t.deepEqual(mixBlocks(3, [50, 50]), [{ first: 0, users: 1 }, { first: 1, users: 2 }]);
});
