// A planned node, as the runtime starts it: its kind's image, CPU weight,
// sysctls and devices, and node-setup.mjs as its Cmd with the steps in its
// environment: the wiring, then (unless bare) its kind's setup.
import type { Plan, PlannedNode } from '../plan/plan-types';
import type { NodeStart } from '../runtime/index';
import { encodeSteps, SETUP_ENV, WIRED_MARK, type Step } from '../node-setup/steps';
import { KINDS } from './kinds';
import { NODE_SETUP } from './paths';
import { nodeSysctls } from './sysctls';
import { wireSteps } from './wiring';

/** What the node runs: wiring, then its kind's setup unless `bare`. */
export function nodeSteps(node: PlannedNode, plan: Plan, opts: { readonly bare?: boolean } = {}): Step[] {
  return [...wireSteps(node, plan.networks), ...(opts.bare ? [] : KINDS[node.role].setup(node, plan))];
}

export function nodeStart(node: PlannedNode, plan: Plan, opts: { readonly bare?: boolean } = {}): NodeStart {
  const kind = KINDS[node.role];
  return {
    image: node.role,
    cmd: ['node', NODE_SETUP],
    env: { [SETUP_ENV]: encodeSteps(nodeSteps(node, plan, opts)) },
    cpuWeight: kind.cpuWeight,
    sysctls: { ...nodeSysctls(kind.routing), ...kind.sysctls(node) },
    devices: kind.routing ? ['/dev/net/tun'] : [],
    readyMark: WIRED_MARK,
  };
}
