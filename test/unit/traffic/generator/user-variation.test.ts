// Users of one profile differ as its `variation` says, and only so: each
// user's counts and think times within the ranges, its start within the
// offset, its draw the same for the same seed, a profile without variation
// planned as before, and every user at most the profile's own peaks (the
// paper's figures stay the bound).
import test from 'ava';
import fc from 'fast-check';
import { listProfiles, loadProfile, portDemand, profileSchema, scaleProfile, type ScaledProfile } from '../../../../sim/traffic';
import { planItems } from '../../../../sim/traffic/generator';
import { drawUser } from '../../../../sim/traffic/generator/user-variation';

const base = {
  name: 'v', description: 'hand-made', source: { paper: 'none', numbers: ['none'] },
  phases: [{
    name: 'p', start: 0, duration: 100, activities: [
      { kind: 'tcp', port: 80, count: 40, concurrency: 10, hold: 5 },
      { kind: 'dns', count: 20, names: ['n{i}.test'] },
      { kind: 'udp', port: 5000, count: 3, rate: 1, size: 100 },
    ],
  }],
};
const varied = (variation: object) => scaleProfile(profileSchema.parse({ ...base, variation: { why: 'a test', ...variation } }));
const plain = scaleProfile(profileSchema.parse(base));

test('no variation, or one that changes nothing: the plan of the profile as it is, item for item', (t) => {
  const none = varied({});
  for (const seed of [1, 2, 77]) {
    t.deepEqual(planItems(none, seed), planItems(plain, seed));
    t.deepEqual(drawUser(plain, seed), { offset: 0, phases: plain.phases });
  }
});

test('counts, think times and start stay within their ranges; the same seed draws the same user', (t) => {
  const p = varied({ start: 30, count: [0.5, 1], think: [1, 3] });
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
    const u = drawUser(p, seed);
    type Counts = { count: number; concurrency?: number; interval?: number };
    const [tcp, dns, udp] = u.phases[0]!.activities as unknown as [Required<Counts>, Required<Counts>, Counts];
    t.deepEqual(drawUser(p, seed), u);
    return u.offset >= 0 && u.offset <= 30
      && tcp.count >= 20 && tcp.count <= 40 && tcp.concurrency >= 5 && tcp.concurrency <= tcp.count
      && tcp.interval >= 5 && tcp.interval <= 15
      && dns.count >= 10 && dns.count <= 20 && dns.interval >= 30 && dns.interval <= 90
      && udp.count >= 2 && udp.count <= 3 && udp.interval === undefined;
  }));
});

test("a user's start offset moves every item, and its end, by the offset", (t) => {
  const p = varied({ start: 30 });
  for (const seed of [1, 5, 9]) {
    const { offset } = drawUser(p, seed);
    t.true(offset > 0 && offset < 30);
    const [a, b] = [planItems(p, seed), planItems(plain, seed)];
    t.deepEqual(a.items.map((i) => i.at), b.items.map((i) => Math.round((i.at + offset) * 1e6) / 1e6));
    t.is(a.end, b.end + offset);
  }
});

test('users differ: 200 users of a varied profile plan at least 20 different numbers of flows', (t) => {
  const p = varied({ count: [0.5, 1], think: [1, 3] });
  const sizes = new Set(Array.from({ length: 200 }, (_, i) => planItems(p, i + 1).items.length));
  t.true(sizes.size >= 20, `${sizes.size} sizes`);
});

test("every shipped profile's users stay within its own peaks (portDemand, each port for its hold)", (t) => {
  for (const name of listProfiles()) {
    const p = scaleProfile(loadProfile(name).profile);
    if (!p.variation) continue;
    const bound = portDemand(p).max;
    for (let seed = 1; seed <= 30; seed++) {
      const user: ScaledProfile = { ...p, phases: drawUser(p, seed).phases as ScaledProfile['phases'] };
      const { variation: _, ...asPlanned } = user;
      const peak = portDemand(asPlanned).max;
      t.true(peak.total <= bound.total && peak.dns <= bound.dns && peak.http <= bound.http && peak.https <= bound.https, `${name} seed ${seed}: ${JSON.stringify(peak)} over ${JSON.stringify(bound)}`);
    }
  }
});

test('a variation outside what a profile may document is an error: counts above 1, think times below 1, ranges upside down, no reason', (t) => {
  const bad = [
    { why: 'x', count: [0.5, 1.2] },
    { why: 'x', think: [0.5, 1] },
    { why: 'x', count: [1, 0.5] },
    { why: 'x', start: -1 },
    { count: [0.5, 1] },
  ];
  for (const variation of bad) t.false(profileSchema.safeParse({ ...base, variation }).success, JSON.stringify(variation));
  t.true(profileSchema.safeParse({ ...base, variation: { why: 'x', count: [0.5, 1], think: [1, 2], start: 10 } }).success);
});
