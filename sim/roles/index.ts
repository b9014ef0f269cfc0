// Roles: what each node runs once wired. The shell a role adds goes between
// the wiring and the node's last act (supervising its daemon, or idling).
import type { Plan, PlannedNode } from '../plan/plan-types';
import { clientScript } from './client-role';
import { prrFinal, prrScript } from './prr-role';
import { serverFinal, serverScript } from './server-role';
import { routerScript } from './router-role';
import { IDLE } from './shell';
import { smapFinal, smapScript } from './smap-role';

export interface RoleScript {
  /** Runs after wiring, before the node counts as up. */
  readonly setup: string;
  /** The node's last command: it lives as long as this runs. */
  readonly final: string;
}

export function roleScript(node: PlannedNode, plan: Plan): RoleScript {
  switch (node.role) {
    case 'prr':
      return { setup: prrScript(node, plan.nodes.find((n) => n.role === 'server')?.interfaces[0]?.ipv4), final: prrFinal() };
    case 'smap':
      return { setup: smapScript(node, plan), final: smapFinal() };
    case 'client':
      return { setup: clientScript(), final: IDLE };
    case 'server':
      return {
        setup: serverScript(node, plan.nodes.find((n) => n.role === 'server') === node, plan.nodes.find((n) => n.role === 'prr')?.prrRole),
        final: serverFinal(),
      };
    case 'router':
      return { setup: routerScript(node), final: IDLE };
  }
}

export { PRR_CONFIG, PRR_TUN, prrConfigText } from './prr-role';
export { SMAP_TUN } from './smap-role';
export { ptbCommand } from './router-role';
export {
  ROUTER_COUNTERS,
  ROUTER_DROP_REASONS,
  routerCounter,
  type RouterCounterName,
  type RouterCountersJson,
  type RouterDropReason,
} from './router-counters';
export { COUNTED_ROLES, readNodeCounters, type NodeCountersJson, type NodeExec } from './node-counters';
export { HTTP_LOG, HTTP_ECHO_PORT, INTERNET_LOG, IPERF_PORT, PEERS } from './server-role';
