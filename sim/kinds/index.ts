// Node kinds: what each role of an A+P network is (image, CPU weight,
// sysctls, setup as typed steps, readiness, files), and the paths inside
// nodes, defined once.
export { KINDS, ROLES } from './kinds';
export type { NodeKind, KindImage } from './node-kind';
export { nodeStart, nodeSteps } from './node-start';
export { PRR_TUN, prrConfigText, prrFragmentTable } from './prr';
export { SMAP_TUN } from './smap';
export { ptbArgv, ptbDocument, PTB_TABLE } from './router';
export { HTTP_ECHO_PORT, IPERF_PORT, PEERS } from './server';
export {
  ROUTER_COUNTERS,
  ROUTER_DROP_REASONS,
  routerCounter,
  type RouterCounterName,
  type RouterCountersJson,
  type RouterDropReason,
} from './router-counters';
export { COUNTED_ROLES, readNodeCounters, type NodeCountersJson, type NodeExec } from './node-counters';
export {
  ADDONS, CLIENT_FILES, COUNTERS_FILE, ETC_DIR, LOG_DIR, OPT_DIR, PROGRAMS, PRR_FILES, RUN_DIR, SCENARIO_FILES, SERVER_FILES, SMAP_FILES,
} from './paths';
export { KIND_IMAGES, kindsRuntime } from './kinds-runtime';
