// Which client runs which profile, when, scaled how: pure, from a loaded
// scenario. The runner turns each item into a generator in a client.
import type { Plan } from '../plan/plan-types';
import type { TrafficSpec } from '../model/scenario-schema';
import { loadProfile } from '../traffic/load-profile';
import { profileDuration } from '../traffic/profile-schema';
import { scaleProfile, type ScaledProfile } from '../traffic/scale-profile';

export interface TrafficItem {
  readonly index: number;
  readonly client: string;
  readonly smap: string;
  readonly profile: ScaledProfile;
  /** Seconds after the traffic phase starts. */
  readonly start: number;
  /** The scaled profile's own length, seconds. */
  readonly duration: number;
}

export function trafficItems(plan: Plan, traffic: readonly TrafficSpec[]): TrafficItem[] {
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
    return who.map((c, i) => ({
      index: index++,
      client: c.name,
      smap: c.smap ?? '',
      profile,
      start: t.start + (t.spread * i) / who.length,
      duration: profileDuration(profile),
    }));
  });
}

/** When the last generator should have finished, seconds after the traffic phase starts. */
export const trafficEnd = (items: readonly TrafficItem[]) => Math.max(0, ...items.map((i) => i.start + i.duration));
