// Who plays what: user i plays one entry of the mix and is planned by the
// generator's own planItems with seed `seed + i`. Entries take users in
// blocks, in the order the spec lists them, as a scenario made from the spec
// gives them to its clients (plan/simulation-traffic.ts), each generator with
// the scenario's seed + its index (traffic-plan.ts): simulated user i is
// emulated generator i.
import type { ConntrackTimeouts } from '../traffic/conntrack-timeouts';
import { planItems, type Plan } from '../traffic/generator/plan-items';
import type { ScaledProfile } from '../traffic/scale-profile';

export interface MixEntry {
  readonly profile: ScaledProfile;
  /** The part of the profile one user plays (scale-profile.ts), 1 unless the spec says. */
  readonly share: number;
  readonly percent: number;
  /** Its users are [first, first + users). */
  readonly first: number;
  readonly users: number;
}

export interface Population {
  readonly users: number;
  readonly seed: number;
  readonly entries: readonly MixEntry[];
  readonly conntrack: ConntrackTimeouts;
}

/** Blocks of users by cumulative percent, so that the counts add up to `users` exactly. */
export function mixBlocks(users: number, percents: readonly number[]): Array<{ first: number; users: number }> {
  const total = percents.reduce((a, b) => a + b, 0);
  let cum = 0;
  let first = 0;
  return percents.map((p, k) => {
    cum += p;
    const end = k === percents.length - 1 ? users : Math.floor((users * cum) / total);
    const block = { first, users: end - first };
    first = end;
    return block;
  });
}

/** The index of the entry user i plays. */
export function entryOf(pop: Population, i: number): number {
  const k = pop.entries.findIndex((e) => i < e.first + e.users);
  if (k < 0) throw new RangeError(`user ${i} is not in a population of ${pop.users}`);
  return k;
}

export const seedOf = (pop: Population, i: number): number => pop.seed + i;

/** User i's flows: what the generator would plan for it. */
export function userPlan(pop: Population, i: number): Plan {
  return planItems(pop.entries[entryOf(pop, i)]!.profile, seedOf(pop, i));
}
