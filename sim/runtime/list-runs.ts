// What is up: runs and their nodes, read back from Docker's labels.
import type Docker from 'dockerode';
import { contains, parseAddress } from '../model/ip';
import { SCRATCH_V4_POOL } from '../plan/planner';
import { LABEL_CREATED, LABEL_FILE, LABEL_NODE, LABEL_ROLE, LABEL_RUN, LABEL_TOPOLOGY, runFilter } from './labels';

export interface RunNode {
  readonly name: string;
  readonly role: string;
  readonly containerId: string;
  readonly state: string;
  readonly addresses: readonly string[];
}

export interface RunInfo {
  readonly runId: string;
  readonly topology: string;
  readonly file?: string;
  readonly created: string;
  readonly nodes: readonly RunNode[];
}

export async function listRuns(d: Docker, runId?: string): Promise<RunInfo[]> {
  const containers = await d.listContainers({ all: true, filters: runFilter(runId) });
  const runs = new Map<string, { info: Omit<RunInfo, 'nodes'>; nodes: RunNode[] }>();
  for (const c of containers) {
    const l = c.Labels;
    const id = l[LABEL_RUN]!;
    let r = runs.get(id);
    if (!r) {
      r = { info: { runId: id, topology: l[LABEL_TOPOLOGY] ?? '?', created: l[LABEL_CREATED] ?? '', ...(l[LABEL_FILE] ? { file: l[LABEL_FILE] } : {}) }, nodes: [] };
      runs.set(id, r);
    }
    const nets = Object.values(c.NetworkSettings?.Networks ?? {});
    r.nodes.push({
      name: l[LABEL_NODE] ?? c.Names[0] ?? c.Id,
      role: l[LABEL_ROLE] ?? '?',
      containerId: c.Id,
      state: c.State,
      addresses: nets.flatMap((n) => [n.IPAddress, n.GlobalIPv6Address]).filter((a): a is string => Boolean(a) && !isScratch(a)),
    });
  }
  return [...runs.values()]
    .map(({ info, nodes }) => ({ ...info, nodes: nodes.sort((a, b) => a.name.localeCompare(b.name)) }))
    .sort((a, b) => a.created.localeCompare(b.created));
}

/** Finds a node's container; the run may be omitted when only one run has the node. */
export async function findNode(d: Docker, node: string, runId?: string): Promise<{ runId: string; containerId: string; role: string } | string> {
  const filters = { label: [`${LABEL_NODE}=${node}`, ...(runId ? [`${LABEL_RUN}=${runId}`] : [LABEL_RUN])] };
  const found = await d.listContainers({ all: true, filters });
  if (found.length === 0) return runId ? `no node ${node} in run ${runId}` : `no node ${node} in any run (see aplus ls)`;
  if (found.length > 1) {
    return `node ${node} is in ${found.length} runs (${found.map((c) => c.Labels[LABEL_RUN]).join(', ')}): say which with --run`;
  }
  return { runId: found[0]!.Labels[LABEL_RUN]!, containerId: found[0]!.Id, role: found[0]!.Labels[LABEL_ROLE] ?? '?' };
}

/** Docker still lists the scratch IPv4 it gave IPv6 networks; the nodes no longer have it. */
function isScratch(a: string): boolean {
  const p = parseAddress(a);
  return p !== undefined && contains(SCRATCH_V4_POOL, p.family, p.value);
}
