// What is up: runs and their nodes, read back from Docker's labels.
import type Docker from 'dockerode';
import { FABRIC } from './fabric';
import { LABEL_ADDRESSES, LABEL_CREATED, LABEL_FILE, LABEL_NODE, LABEL_ROLE, LABEL_RUN, LABEL_TOPOLOGY, runFilter } from './labels';
import type { RunInfo, RunNode } from './runtime';

/** A run's nodes with their containers: for the runtime's own use. */
interface ContainerRun extends Omit<RunInfo, 'nodes'> {
  readonly nodes: ReadonlyArray<RunNode & { readonly containerId: string }>;
}

export async function listContainersOfRuns(d: Docker, runId?: string): Promise<ContainerRun[]> {
  const containers = await d.listContainers({ all: true, filters: runFilter(runId) });
  const runs = new Map<string, { info: Omit<RunInfo, 'nodes'>; nodes: Array<RunNode & { containerId: string }> }>();
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

/** The runs that are up, as the runtime's interface gives them (no container ids). */
export async function listRuns(d: Docker, runId?: string): Promise<RunInfo[]> {
  return (await listContainersOfRuns(d, runId)).map((r) => ({ ...r, nodes: r.nodes.map(({ containerId: _, ...n }) => n) }));
}

/** The run that holds a node; the run may be omitted when only one run has the node. */
export async function locateNode(d: Docker, node: string, runId?: string): Promise<{ runId: string } | string> {
  const filters = { label: [`${LABEL_NODE}=${node}`, ...(runId ? [`${LABEL_RUN}=${runId}`] : [LABEL_RUN])] };
  const found = await d.listContainers({ all: true, filters });
  if (found.length === 0) return runId ? `no node ${node} in run ${runId}` : `no node ${node} in any run (see aplus ls)`;
  if (found.length > 1) {
    return `node ${node} is in ${found.length} runs (${found.map((c) => c.Labels[LABEL_RUN]).join(', ')}): say which with --run`;
  }
  return { runId: found[0]!.Labels[LABEL_RUN]! };
}
