// The runtime: the only folder that talks to Docker. The rest of aplus asks
// a Runtime (runtime.ts) for runs, nodes and commands; no Docker type or
// container id comes out of here.
export { dockerRuntime } from './docker-runtime';
export type {
  DownResult, ExecOptions, ExecResult, ImageRecipes, ImageSet, NodeRef, NodeUsage, RunHandle, RunInfo, RunNode, RunningTopology, Runtime, UpOptions,
} from './runtime';
export type { NodeStart } from './node-start';
export { imageTags } from './images';
export { newRunId } from './topology-up';
// What up throws when its signal aborts (exit 130); defined beside the other errors the CLI maps.
export { AbortedError } from '../model/errors';
export { liveRuns } from './live-runs';
export { hostPrefixes } from './host-prefixes';
export { requireQdiscs } from './link-kernel';
export { LABEL_RUN, LABEL_NODE, LABEL_ROLE } from './labels';
