// What is up: runs and their nodes, read back from Docker's labels.
import type Docker from 'dockerode';
import { FABRIC } from './fabric';
import { LABEL_ADDRESSES, LABEL_CREATED, LABEL_FILE, LABEL_NODE, LABEL_ROLE, LABEL_RUN, LABEL_TOPOLOGY, runFilter } from './labels';

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
    if (l[LABEL_ROLE] === FABRIC) continue; // the run's bridges, not a node
    r.nodes.push({
      name: l[LABEL_NODE] ?? c.Names[0] ?? c.Id,
      role: l[LABEL_ROLE] ?? '?',
      containerId: c.Id,
      state: c.State,
      addresses: (l[LABEL_ADDRESSES] ?? '').split(' ').filter(Boolean),
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
