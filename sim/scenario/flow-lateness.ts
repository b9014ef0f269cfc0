// How late flows began against the scenario's plan: t0, plus the generator's
// start, plus the flow's planned time in its profile. A generator that starts
// late, or waits for a CPU, begins its flows late: the lateness is the
// machine's, not the network's, and a run where it is large did not play the
// profile's timing (its ports at once, its waves). Pure.
import { plural } from '../report/plural';

/** The fields of a flow record this reads (docs/traffic.md, "Flow records"). */
export interface TimedFlow {
  readonly client: string;
  /** Seconds into the generator's profile the flow was planned for. */
  readonly planned?: number;
  /** When it began, epoch milliseconds. */
  readonly started?: number;
  readonly reason?: string;
}

export interface Lateness {
  /** Flows that began (not `not-started`). */
  readonly flows: number;
  /** Of those, how many began more than `overS` late. */
  readonly late: number;
  readonly overS: number;
  /** The latest start, seconds, and whose. */
  readonly maxS: number;
  readonly worst?: string;
}

/** `perItem[i]` are the flows of the generator that started `starts[i]` seconds after t0. */
export function flowLateness(starts: readonly number[], perItem: ReadonlyArray<readonly TimedFlow[]>, t0: number, overS = 2): Lateness {
  let flows = 0, late = 0, maxS = 0;
  let worst: string | undefined;
  perItem.forEach((list, i) => {
    for (const f of list) {
      if (f.reason === 'not-started' || f.planned === undefined || f.started === undefined) continue;
      flows++;
      const s = (f.started - t0) / 1000 - (starts[i] ?? 0) - f.planned;
      if (s > overS) late++;
      if (s > maxS) [maxS, worst] = [s, f.client];
    }
  });
  return { flows, late, overS, maxS, ...(worst === undefined ? {} : { worst }) };
}

/** A warning when any flow began late, else nothing. */
export function latenessWarning(l: Lateness): string | undefined {
  if (l.late === 0) return undefined;
  return `${l.late} of ${plural(l.flows, 'flow')} began more than ${l.overS} s after their planned time, at most ${l.maxS.toFixed(1)} s (${l.worst}):` +
    ' the machine could not run the generators on time, so the ports in use at once and the timings are not quite the profile\'s';
}
