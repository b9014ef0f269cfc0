// A planned node, as the runtime starts it: its kind's image, CPU weight,
// sysctls and devices, and as its Cmd the bash rendered from its steps
// (sim/node-setup/render-shell.ts): the wiring, then (unless bare) its
// kind's setup, then the watch on its daemons.
import type { Plan, PlannedNode } from '../plan/plan-types';
import type { NodeStart } from '../runtime/index';
import { renderSteps } from '../node-setup/render-shell';
import { WIRED_MARK, type Step } from '../node-setup/steps';
import { KINDS } from './kinds';
import { nodeSysctls } from './sysctls';
import { wireSteps } from './wiring';

/** Linux refuses an argument longer than this (MAX_ARG_STRLEN): the script is one. */
const ARG_MAX = 128 * 1024;

/** What the node runs: wiring, then its kind's setup unless `bare`. */
export function nodeSteps(node: PlannedNode, plan: Plan, opts: { readonly bare?: boolean } = {}): Step[] {
  return [...wireSteps(node, plan.networks), ...(opts.bare ? [] : KINDS[node.role].setup(node, plan))];
}

export function nodeStart(node: PlannedNode, plan: Plan, opts: { readonly bare?: boolean } = {}): NodeStart {
  const kind = KINDS[node.role];
  const steps = nodeSteps(node, plan, opts);
  const script = renderSteps(steps);
  if (Buffer.byteLength(script) >= ARG_MAX) throw new Error(`${node.name}: its setup of ${steps.length} steps is ${Buffer.byteLength(script)} bytes of script, over the ${ARG_MAX} an argument may hold`);
  return {
    image: node.role,
    cmd: ['bash', '-c', script],
    env: {},
    cpuWeight: kind.cpuWeight,
    sysctls: { ...nodeSysctls(kind.routing), ...kind.sysctls(node) },
    devices: kind.routing ? ['/dev/net/tun'] : [],
    readyMark: WIRED_MARK,
  };
}
