// Every Docker object aplus makes carries the run's label, so that a run,
// or every run (down --all), can be found and removed.
export const LABEL_RUN = 'aplus.run';
export const LABEL_NODE = 'aplus.node';
export const LABEL_ROLE = 'aplus.role';
export const LABEL_TOPOLOGY = 'aplus.topology';
export const LABEL_FILE = 'aplus.file';
export const LABEL_CREATED = 'aplus.created';
/** The process that takes the run down (boot/pid/start), or `kept` (run-owner.ts). */
export const LABEL_OWNER = 'aplus.owner';
/** A node's planned addresses, space-separated: Docker knows none of them. */
export const LABEL_ADDRESSES = 'aplus.addresses';

export const runFilter = (runId?: string): { label: string[] } => ({
  label: [runId ? `${LABEL_RUN}=${runId}` : LABEL_RUN],
});
