// Every kind of node's counters, read one way for `aplus counters` and for a
// scenario: the PRR's and SMAPs' daemons keep theirs in COUNTERS_FILE; a
// router's come from its kernel (router-counters.ts). Given only a way to
// run a command in the node, so that it knows nothing of Docker.
import type { CountersFileJson } from '../aplus/daemon/counters-file';
import { COUNTERS_FILE } from './paths';
import { parseRouterCounters, ROUTER_COUNTER_READS, type Parsed, type RouterCountersJson } from './router-counters';

/** A node's counters, keyed on its role. */
export type NodeCountersJson = CountersFileJson | RouterCountersJson;

/** Runs an argv in the node. */
export type NodeExec = (argv: readonly string[]) => Promise<{ readonly exitCode: number; readonly stdout: string; readonly stderr: string }>;

/** The roles that have counters. */
export const COUNTED_ROLES = ['prr', 'smap', 'router'] as const;

const failed = (what: string, r: { exitCode: number; stderr: string }) => `${what}: ${r.stderr.trim().split('\n')[0] || `exit ${r.exitCode}`}`;

export async function readNodeCounters(role: string, exec: NodeExec, now: () => Date = () => new Date()): Promise<Parsed<NodeCountersJson>> {
  switch (role) {
    case 'prr':
    case 'smap': {
      const r = await exec(['cat', COUNTERS_FILE]);
      if (r.exitCode !== 0) return { ok: false, reason: `${failed(`no ${COUNTERS_FILE}`, r)} (is its daemon up?)` };
      try {
        // The node's role is the plan's; the file says the same.
        return { ok: true, value: { ...(JSON.parse(r.stdout) as CountersFileJson), role } };
      } catch {
        return { ok: false, reason: `${COUNTERS_FILE} is not JSON` };
      }
    }
    case 'router': {
      const [nft, snmp6] = await Promise.all([exec(ROUTER_COUNTER_READS.nft), exec(ROUTER_COUNTER_READS.snmp6)]);
      if (nft.exitCode !== 0) return { ok: false, reason: `${failed('nft', nft)} (a router brought up --bare has no counters)` };
      if (snmp6.exitCode !== 0) return { ok: false, reason: failed('/proc/net/snmp6', snmp6) };
      return parseRouterCounters(nft.stdout, snmp6.stdout, now());
    }
    default:
      return { ok: false, reason: `a ${role} has no counters (only ${COUNTED_ROLES.join(', ')})` };
  }
}
