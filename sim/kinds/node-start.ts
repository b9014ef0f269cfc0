// A planned node, as the runtime starts it: its kind's image, CPU weight,
// sysctls and devices, and node-setup.mjs as its Cmd with the steps in its
// environment: the wiring, then (unless bare) its kind's setup.
import type { Plan, PlannedNode } from '../plan/plan-types';
import type { NodeStart } from '../runtime/index';
import { encodeSteps, SETUP_ENV, WIRED_MARK, type Step } from '../node-setup/steps';
import { KINDS } from './kinds';
import { NODE_SETUP, SUPERVISED_FILE } from './paths';
import { nodeSysctls } from './sysctls';
import { wireSteps } from './wiring';

/** What the node runs: wiring, then its kind's setup unless `bare`. */
export function nodeSteps(node: PlannedNode, plan: Plan, opts: { readonly bare?: boolean } = {}): Step[] {
  return [...wireSteps(node, plan.networks), ...(opts.bare ? [] : KINDS[node.role].setup(node, plan))];
}

/**
 * A node's Cmd: node-setup, then a watch on the daemons it left (each by a
 * `tail --pid`, no process of its own forks while they run): the node ends,
 * failing, when the first of them does, or idles when it has none. The same
 * constant for every node; what differs is in the steps.
 */
export const NODE_CMD: readonly string[] = ['bash', '-c', [
  `node ${NODE_SETUP} || exit 1`,
  `[ -s ${SUPERVISED_FILE} ] || exec sleep infinity`,
  'declare -A names',
  `while read -r name pid; do tail --pid="$pid" -f /dev/null & names[$!]=$name; done < ${SUPERVISED_FILE}`,
  'wait -n -p ended',
  'echo "${names[$ended]} exited" >&2',
  'exit 1',
].join('\n')];

export function nodeStart(node: PlannedNode, plan: Plan, opts: { readonly bare?: boolean } = {}): NodeStart {
  const kind = KINDS[node.role];
  return {
    image: node.role,
    cmd: NODE_CMD,
    env: { [SETUP_ENV]: encodeSteps(nodeSteps(node, plan, opts)) },
    cpuWeight: kind.cpuWeight,
    sysctls: { ...nodeSysctls(kind.routing), ...kind.sysctls(node) },
    devices: kind.routing ? ['/dev/net/tun'] : [],
    readyMark: WIRED_MARK,
  };
}
