// Removing a run, or every run: its containers, the fabric among them (its
// bridges and veths go with its namespace). Finds them by label, so it also
// clears crashed runs; Docker networks labelled with a run (made by aplus
// before the fabric) go after them.
import pLimit from 'p-limit';
import type Docker from 'dockerode';
import type { EventSink } from '../report/events';
import { LABEL_RUN, runFilter } from './labels';
import { runRemoved } from './live-runs';
import type { DownResult } from './runtime';

export async function downRun(d: Docker, runId: string | undefined, emit: EventSink): Promise<DownResult> {
  const started = Date.now();
  const filters = runFilter(runId);
  const containers = await d.listContainers({ all: true, filters });
  // One container at a time. Each one's exit leaves Docker's "none" network, and
  // two leaving at once can deadlock Docker 20.10 before 20.10.27 (libnetwork's
  // getSvcRecords against processEndpointDelete, moby/moby#46661), which is
  // Debian bookworm's: every later call to the engine then hangs. It happened
  // here twice in a day of runs. One at a time cost 5.6 s per 100 containers
  // against 3.3 s for 16 at once.
  for (const c of containers) await d.getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreMissing);
  const limit = pLimit(16);
  const networks = await d.listNetworks({ filters });
  const removed = await Promise.allSettled(networks.map((n) => limit(() => d.getNetwork(n.Id).remove().catch(ignoreMissing))));
  for (const [i, r] of removed.entries()) {
    if (r.status === 'rejected') emit({ kind: 'warning', message: `network ${networks[i]!.Name} could not be removed: ${(r.reason as Error).message}` });
  }
  const runs = new Set([...containers.map((c) => c.Labels[LABEL_RUN]), ...networks.map((n) => n.Labels?.[LABEL_RUN])]);
  const name = runId ?? (runs.size ? [...runs].join(', ') : 'no runs');
  const networksRemoved = removed.filter((r) => r.status === 'fulfilled').length;
  runRemoved(runId);
  emit({ kind: 'down-done', run: name, containers: containers.length, networks: networksRemoved, seconds: (Date.now() - started) / 1000 });
  return { containers: containers.length, networks: networksRemoved };
}

/** Already gone is fine; anything else (409: still in use) is for the caller. */
function ignoreMissing(e: unknown): void {
  if ((e as { statusCode?: number }).statusCode !== 404) throw e;
}
