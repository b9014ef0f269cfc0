// Removing a run, or every run: containers first (they hold endpoints),
// then networks. Finds objects by label, so it also clears crashed runs.
import pLimit from 'p-limit';
import type Docker from 'dockerode';
import type { EventSink } from '../report/events';
import { removeRunRules } from './host-firewall';
import { LABEL_RUN, runFilter } from './labels';

export interface DownResult {
  readonly containers: number;
  readonly networks: number;
}

export async function downRun(d: Docker, runId: string | undefined, emit: EventSink): Promise<DownResult> {
  const started = Date.now();
  const limit = pLimit(8);
  const filters = runFilter(runId);
  const containers = await d.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => limit(() => d.getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreMissing))));
  // A container removed while its network is being created can leave the
  // network attached for a moment: retry the networks a few times.
  let networks: Docker.NetworkInspectInfo[] = [];
  let removed = 0;
  for (let attempt = 0; attempt < 5; attempt++) {
    networks = await d.listNetworks({ filters });
    if (networks.length === 0) break;
    const results = await Promise.allSettled(networks.map((n) => limit(() => d.getNetwork(n.Id).remove().catch(ignoreMissing))));
    removed += results.filter((r) => r.status === 'fulfilled').length;
    if (results.every((r) => r.status === 'fulfilled')) break;
    await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
  }
  await removeRunRules(runId);
  const runs = new Set([...containers.map((c) => c.Labels[LABEL_RUN]), ...networks.map((n) => n.Labels?.[LABEL_RUN])]);
  const name = runId ?? (runs.size ? [...runs].join(', ') : 'no runs');
  emit({ kind: 'down-done', run: name, containers: containers.length, networks: removed, seconds: (Date.now() - started) / 1000 });
  return { containers: containers.length, networks: removed };
}

/** Already gone is fine; anything else (409: still in use) is for the caller. */
function ignoreMissing(e: unknown): void {
  if ((e as { statusCode?: number }).statusCode !== 404) throw e;
}
