// The simulator and the emulation plan the same users: simulated user i's
// flows are what the generator of a scenario's traffic item i plans, with
// the seed generator-runs.ts gives it; and one seed gives one result.
import test from 'ava';
import { loadSimulation, runSimulation, userPlan } from '../../../sim/simulate';
import { trafficSchema } from '../../../sim/model/scenario-schema';
import type { Plan as TopologyPlan } from '../../../sim/plan/plan-types';
import { generatorCommand } from '../../../sim/scenario/generator-runs';
import { trafficItems } from '../../../sim/scenario/traffic-plan';
import { loadScenario } from '../../../sim/plan/load-scenario';
import { readFileSync } from 'node:fs';
import { planItems } from '../../../sim/traffic/generator';

const SPEC = 'name: s\nusers: 8\nmix:\n  - { profile: web-facebook, percent: 50 }\n  - { profile: campus, percent: 25, share: 0.01 }\n  - { profile: torrent, percent: 25 }\nsizes: [100]\n';

test('simulated user i plans the flows of emulated generator i (its --seed), for a scenario that lists the mix in order', (t) => {
  const sim = loadSimulation('s.yaml', { text: SPEC });
  const clients = Array.from({ length: 8 }, (_, i) => `c${i}`);
  // Only the clients are read from the topology's plan.
  const plan = { nodes: clients.map((name) => ({ name, role: 'client', smap: `m-${name}` })) } as unknown as TopologyPlan;
  const traffic = [
    { profile: 'web-facebook', clients: clients.slice(0, 4) },
    { profile: 'campus', share: 0.01, clients: clients.slice(4, 6) },
    { profile: 'torrent', clients: clients.slice(6) },
  ].map((x) => trafficSchema.parse(x));
  const items = trafficItems(plan, traffic);
  t.is(items.length, 8);
  for (const it of items) {
    const seed = Number(/--seed (\d+)/.exec(generatorCommand(it, '198.18.0.1'))![1]);
    t.deepEqual(userPlan(sim.population, it.index), planItems(it.profile, seed), `user ${it.index}`);
  }
});

test("a scenario made from a spec (simulator-web) plays the spec's first users, each as aplus simulate plans it", (t) => {
  const s = loadScenario('scenarios/simulator-web.yaml');
  const items = trafficItems(s.plan, s.traffic, s.seed);
  const sim = loadSimulation('simulations/web.yaml', { text: readFileSync('simulations/web.yaml', 'utf8').replace(/^users: \d+$/m, `users: ${items.length}`) });
  t.is(items.length, 20);
  for (const it of items) {
    const seed = Number(/--seed (\d+)/.exec(generatorCommand(it, '198.18.0.1'))![1]);
    t.deepEqual(planItems(it.profile, seed), userPlan(sim.population, it.index), `user ${it.index}`);
  }
  // Users differ (the web profiles' variation): not every Facebook user plans the same number of flows.
  t.true(new Set(items.slice(0, 8).map((it) => planItems(it.profile, it.seed).items.length)).size > 1);
});

test('one seed gives one result; users of a profile without variation differ only in the order of their flows, with it in what they start', async (t) => {
  const sim = loadSimulation('s.yaml', { text: SPEC });
  t.deepEqual(await runSimulation(sim, { workers: 1 }), await runSimulation(sim, { workers: 1 }));
  const times = (p: ReturnType<typeof userPlan>) => p.items.map((i) => `${i.at} ${i.kind} ${i.activity}`).sort();
  // Users 6 and 7 play the torrent (no variation), 0 and 1 Facebook (counts from 45% to all of the page).
  const [a, b] = [userPlan(sim.population, 6), userPlan(sim.population, 7)];
  t.notDeepEqual(a, b);
  t.deepEqual(times(a), times(b));
  t.notDeepEqual(times(userPlan(sim.population, 0)), times(userPlan(sim.population, 1)));
});

test('workers add up to what one thread counts', async (t) => {
  // Two workers start from 40000 users (20000 each); gmail plans in microseconds.
  const sim = loadSimulation('s.yaml', { text: 'name: w\nusers: 40000\nmix: [{ profile: gmail, percent: 60 }, { profile: skype, percent: 40 }]\nsizes: [10]\n' });
  t.deepEqual(await runSimulation(sim, { workers: 2 }), await runSimulation(sim, { workers: 1 }));
});
