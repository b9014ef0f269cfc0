// The runtime: the only folder that talks to Docker. The rest of aplus asks
// for networks, nodes and exec through these functions.
export { docker, requireDocker } from './docker-client';
export { execIn, type ExecResult, type ExecOptions } from './exec';
export { ensureImages, requireImages, imageTags, type ImageSet } from './images';
export type { NodeStart } from './node-start';
export { up, newRunId, type RunningTopology, type NodeHandle, type UpOptions } from './topology-up';
// What up throws when its signal aborts (exit 130); defined beside the other errors the CLI maps.
export { AbortedError } from '../model/errors';
export { downRun, type DownResult } from './topology-down';
export { reapOrphans } from './run-owner';
export { liveRuns } from './live-runs';
export { listRuns, findNode, type RunInfo, type RunNode } from './list-runs';
export { hostPrefixes } from './host-prefixes';
export { requireQdiscs } from './link-kernel';
export { LABEL_RUN, LABEL_NODE, LABEL_ROLE } from './labels';
