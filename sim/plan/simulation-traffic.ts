// A scenario's traffic from a simulation spec (scenario key `simulation`):
// the spec's mix over the chosen clients in blocks by percent, in the spec's
// order, as aplus simulate gives its users out (mixBlocks). With the spec's
// seed, generator i is then simulated user i (docs/simulator.md).
import { mixBlocks } from '../simulate/population';
import type { SimulationSpec } from '../simulate/simulation-schema';
import { trafficSchema, type SimulationTraffic, type TrafficSpec } from '../model/scenario-schema';

/** The traffic entries, one per mix entry that gets clients; `clients` are the chosen clients, in the topology's order. */
export function simulationTraffic(spec: SimulationSpec, sim: SimulationTraffic, clients: readonly string[]): TrafficSpec[] {
  const blocks = mixBlocks(clients.length, spec.mix.map((e) => e.percent));
  return spec.mix.flatMap((e, k) => {
    const { first, users } = blocks[k]!;
    if (users === 0) return [];
    return [trafficSchema.parse({
      profile: e.profile,
      clients: clients.slice(first, first + users),
      ...(e.share !== 1 ? { share: e.share } : {}),
      ...(sim.speed !== undefined ? { speed: sim.speed } : {}),
      ...(sim.duration !== undefined ? { duration: sim.duration } : {}),
      spread: sim.spread,
    })];
  });
}
