// Every Docker object aplus makes carries the run's label, so that a run,
// or every run (down --all), can be found and removed.
export const LABEL_RUN = 'aplus.run';
export const LABEL_NODE = 'aplus.node';
export const LABEL_ROLE = 'aplus.role';
export const LABEL_NETWORK = 'aplus.network';
export const LABEL_TOPOLOGY = 'aplus.topology';
export const LABEL_FILE = 'aplus.file';
export const LABEL_CREATED = 'aplus.created';

export const runFilter = (runId?: string): { label: string[] } => ({
  label: [runId ? `${LABEL_RUN}=${runId}` : LABEL_RUN],
});
