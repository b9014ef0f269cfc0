// The runs this process has begun to make and not yet removed: what a
// forced exit (a second Ctrl-C) may leave behind, for it to name.
const live = new Set<string>();

export const liveRuns = (): string[] => [...live];

/** Called by up before it makes anything of the run. */
export function runBegun(runId: string): void {
  live.add(runId);
}

/** Called once a run (or, without an id, every run) has been removed. */
export function runRemoved(runId: string | undefined): void {
  if (runId === undefined) live.clear();
  else live.delete(runId);
}
