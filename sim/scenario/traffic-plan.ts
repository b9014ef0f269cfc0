// Which client runs which profile, when, scaled how: pure, from a loaded
// scenario. The runner turns each item into a generator in a client.
import type { Plan } from '../plan/plan-types';
import type { TrafficSpec } from '../model/scenario-schema';
import { loadProfile } from '../traffic/load-profile';
import { planItems } from '../traffic/generator/plan-items';
import { scaleProfile, type ScaledProfile } from '../traffic/scale-profile';

export interface TrafficItem {
  readonly index: number;
  readonly client: string;
  readonly smap: string;
  readonly profile: ScaledProfile;
  /** Its generator's seed: the scenario's seed + its index, as aplus simulate's user `index` (docs/simulator.md). */
  readonly seed: number;
  /** Seconds after the traffic phase starts. */
  readonly start: number;
  /** Its plan's length, seconds: the scaled profile's, or its last hold's end, with this user's start offset. */
  readonly duration: number;
}

/** Generator i plays with seed `seed + i`; a scenario's seed is 1 unless it says (or its simulation spec does). */
export function trafficItems(plan: Plan, traffic: readonly TrafficSpec[], seed = 1): TrafficItem[] {
  const clients = plan.nodes.filter((n) => n.role === 'client');
  let index = 0;
  return traffic.flatMap((t) => {
    const profile = scaleProfile(loadProfile(t.profile).profile, {
      ...(t.speed !== undefined ? { speed: t.speed } : {}),
      ...(t.duration !== undefined ? { duration: t.duration } : {}),
      ...(t.share !== undefined ? { share: t.share } : {}),
    });
    const who = clients.filter((c) =>
      t.clients ? t.clients.includes(c.name) : t.smaps ? t.smaps.includes(c.smap ?? '') : true,
    );
    return who.map((c, i) => {
      const n = index++;
      return {
        index: n,
        client: c.name,
        smap: c.smap ?? '',
        profile,
        seed: seed + n,
        start: t.start + (t.spread * i) / who.length,
        duration: planItems(profile, seed + n).end,
      };
    });
  });
}

/** When the last generator should have finished, seconds after the traffic phase starts. */
export const trafficEnd = (items: readonly TrafficItem[]) => Math.max(0, ...items.map((i) => i.start + i.duration));
