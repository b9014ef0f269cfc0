// What a run will start, from the profile alone: the same waves portDemand
// counts, the same plan for the same seed, peers reused as the profile says.
import test from 'ava';
import { classOfPort, loadProfile, listProfiles, portDemand, scaleProfile, type ScaledProfile } from '../../../../sim/traffic';
import { planItems } from '../../../../sim/traffic/generator';

/** The most items alive at once, per class, if each keeps its port for its hold (DNS: the activity's). */
function peakOfPlan(p: ScaledProfile, seed: number): Record<string, number> {
  const events: [number, string, number][] = [];
  for (const it of planItems(p, seed).items) {
    const ph = p.phases.find((x) => x.name === it.phase)!;
    const a = ph.activities[it.activity]!;
    const hold = it.kind === 'dns' ? (a as { hold: number }).hold : it.hold;
    const cls = it.kind === 'dns' ? 'dns' : classOfPort(it.port);
    events.push([Math.round(it.at * 1e4), cls, 1], [Math.round((it.at + hold) * 1e4), cls, -1]);
  }
  // Releases before starts at one instant, as portDemand does; 0.1 ms steps absorb the rounding of scaled times.
  events.sort((x, y) => x[0] - y[0] || x[2] - y[2]);
  const now: Record<string, number> = { dns: 0, http: 0, https: 0, other: 0, total: 0 };
  const max = { ...now };
  for (const [, cls, d] of events) {
    now[cls]! += d;
    now.total! += d;
    for (const k of Object.keys(now)) max[k] = Math.max(max[k]!, now[k]!);
  }
  return max;
}

/** The profile as calibrated: every user's variation left out. */
const unvaried = (name: string, duration = 3): ScaledProfile => {
  const { variation: _, ...p } = scaleProfile(loadProfile(name).profile, { duration });
  return p;
};

for (const name of listProfiles())
  test(`${name}: the plan's items, each held for its hold, peak where portDemand says`, (t) => {
    const p = unvaried(name);
    t.deepEqual(peakOfPlan(p, 1), { ...portDemand(p).max });
    const items = planItems(p, 1).items;
    t.true(items.every((it, i) => i === 0 || items[i - 1]!.at <= it.at), 'in time order');
    // Items of one time in the profile's order of phases, then activities (what a stable sort of them listed in that order gives).
    const rank = (it: (typeof items)[number]) => p.phases.findIndex((ph) => ph.name === it.phase) * 1000 + it.activity;
    t.true(items.every((it, i) => i === 0 || items[i - 1]!.at < it.at || rank(items[i - 1]!) <= rank(it)), 'ties in profile order');
  });

test('one seed gives one plan; another seed another order in the waves', (t) => {
  const p = unvaried('web-facebook');
  t.deepEqual(planItems(p, 42), planItems(p, 42));
  const names = (seed: number) => planItems(p, seed).items.filter((i) => i.kind === 'dns').map((i) => (i.kind === 'dns' ? i.name : ''));
  t.notDeepEqual(names(1), names(2));
  t.deepEqual([...names(1)].sort(), [...names(2)].sort());
});

test('torrent: 4800 peer connections, reused peers get 2 to 4 each, no more than 12 peers reused', (t) => {
  const plan = planItems(scaleProfile(loadProfile('torrent').profile, { duration: 10 }), 3);
  const peers = plan.items.flatMap((i) => (i.kind === 'peers' ? [i.peer!] : []));
  t.is(peers.length, 4800);
  const uses = new Map<number, number>();
  for (const p of peers) uses.set(p, (uses.get(p) ?? 0) + 1);
  const reused = [...uses.values()].filter((n) => n > 1);
  t.true(reused.length <= 12 && reused.every((n) => n >= 2 && n <= 4), JSON.stringify(reused));
  t.is(plan.peers, uses.size);
});

test("a lookup's number fills {i}: Facebook's first wave looks up static0 to static39 once each", (t) => {
  const p = unvaried('web-facebook', 30);
  const names = planItems(p, 1).items.filter((i) => i.kind === 'dns' && i.activity === 0 && i.phase === p.phases[0]!.name).map((i) => (i.kind === 'dns' ? i.name : ''));
  t.deepEqual(names.sort(), Array.from({ length: 40 }, (_, i) => `static${i}.fbcdn.test`).sort());
});
