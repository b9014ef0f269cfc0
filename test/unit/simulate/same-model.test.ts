// The simulator and the emulation plan the same users: simulated user i's
// flows are what the generator of a scenario's traffic item i plans, with
// the seed generator-runs.ts gives it; and one seed gives one result.
import test from 'ava';
import { loadSimulation, runSimulation, userPlan } from '../../../sim/simulate';
import { trafficSchema } from '../../../sim/model/scenario-schema';
import type { Plan as TopologyPlan } from '../../../sim/plan/plan-types';
import { generatorCommand } from '../../../sim/scenario/generator-runs';
import { trafficItems } from '../../../sim/scenario/traffic-plan';
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

test('one seed gives one result; users of one profile differ only in the order of their flows', async (t) => {
  const sim = loadSimulation('s.yaml', { text: SPEC });
  t.deepEqual(await runSimulation(sim, { workers: 1 }), await runSimulation(sim, { workers: 1 }));
  const [a, b] = [userPlan(sim.population, 0), userPlan(sim.population, 1)];
  t.notDeepEqual(a, b);
  const times = (p: typeof a) => p.items.map((i) => `${i.at} ${i.kind} ${i.activity}`).sort();
  t.deepEqual(times(a), times(b));
});

test('workers add up to what one thread counts', async (t) => {
  // Two workers start from 40000 users (20000 each); gmail plans in microseconds.
  const sim = loadSimulation('s.yaml', { text: 'name: w\nusers: 40000\nmix: [{ profile: gmail, percent: 60 }, { profile: skype, percent: 40 }]\nsizes: [10]\n' });
  t.deepEqual(await runSimulation(sim, { workers: 2 }), await runSimulation(sim, { workers: 1 }));
});
