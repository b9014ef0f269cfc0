// Which scenarios load the machine: two of them up at once on a small
// machine starve each other's generators (flows start late and time out on
// their own account), so `--parallel` runs at most one heavy scenario at a
// time and fills the other slots with light ones.
import type { LoadedScenario } from '../plan/load-scenario';
import { trafficItems } from '../scenario/traffic-plan';

/** Nodes at or above which a scenario is heavy (campus-100 has 202). */
export const HEAVY_NODES = 50;
/** Traffic items (generators) at or above which a scenario is heavy (profiles-1000 has 13, seed-2010-sharing 6). */
export const HEAVY_GENERATORS = 10;

export function isHeavy(s: LoadedScenario): boolean {
  return s.plan.nodes.length >= HEAVY_NODES || trafficItems(s.plan, s.traffic, s.seed).length >= HEAVY_GENERATORS;
}

/**
 * The next entry to start, in file order, given what runs: the first light
 * one, or the first heavy one when no heavy one runs. Undefined when all
 * that is left must wait.
 */
export function pickNext<T>(queue: readonly T[], heavy: (t: T) => boolean, heavyRunning: boolean): number | undefined {
  const i = queue.findIndex((t) => !heavyRunning || !heavy(t));
  return i < 0 ? undefined : i;
}
