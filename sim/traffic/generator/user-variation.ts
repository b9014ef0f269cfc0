// How one user of a profile differs from the next (docs/profiles.md,
// `variation`): a start offset, and per activity a factor on its counts and
// one on its think time (the interval between its waves), each drawn
// uniformly from the profile's ranges with the user's seed. planItems draws
// them, so the generator in a client and aplus simulate give user i the same
// draw. Drawn from a stream of their own: the order of flows within a wave
// (the seed's other use) is the same with or without variation.
import type { Activity, Phase, Variation } from '../profile-schema';
import { scaledCounts } from './activity-counts';
import { seededRandom } from './seeded-random';

export interface UserDraw {
  /** Seconds after its own start that this user begins (scaled, as the phases). */
  readonly offset: number;
  readonly phases: readonly Phase[];
}

/** The stream the draws come from: seed-derived, apart from the plan's own. */
const drawStream = (seed: number) => seededRandom(Math.imul(seed ^ 0x76617279, 0x9e3779b1));

/** User `seed`'s profile: the phases with its counts and think times, and its start offset. No variation: the phases as they are. */
export function drawUser(profile: { readonly phases: readonly Phase[]; readonly variation?: Variation | undefined }, seed: number): UserDraw {
  const v = profile.variation;
  if (!v) return { offset: 0, phases: profile.phases };
  const rnd = drawStream(seed);
  const within = ([lo, hi]: readonly [number, number]) => lo + (hi - lo) * rnd();
  const offset = v.start * rnd();
  const phases = profile.phases.map((ph) => ({
    ...ph,
    // Both factors are drawn for every activity, so that one activity's kind does not shift the next one's draws.
    activities: ph.activities.map((a) => thinking(scaledCounts(a, within(v.count)), within(v.think))),
  }));
  return { offset, phases };
}

/** The time between waves times `factor` (it defaults to the hold: the next wave when the last is done). UDP flows have no waves. */
function thinking(a: Activity, factor: number): Activity {
  if (factor === 1 || a.kind === 'udp') return a;
  return { ...a, interval: (a.interval ?? a.hold) * factor };
}
