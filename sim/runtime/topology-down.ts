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
  // Docker does much of this in parallel (measured: 16 at once beat 8 by a sixth for 202 containers).
  const limit = pLimit(16);
  const filters = runFilter(runId);
  const [containers, networks] = await Promise.all([d.listContainers({ all: true, filters }), d.listNetworks({ filters })]);
  // Each network goes as soon as its last container has gone, so that Docker
  // removes networks while it is still removing other containers.
  const byName = new Map(networks.map((n) => [n.Name, n.Id]));
  const left = new Map(networks.map((n) => [n.Id, 0]));
  const netsOf = (c: Docker.ContainerInfo) =>
    Object.keys(c.NetworkSettings?.Networks ?? {}).flatMap((name) => (byName.has(name) ? [byName.get(name)!] : []));
  for (const c of containers) for (const id of netsOf(c)) left.set(id, left.get(id)! + 1);
  let removed = 0;
  const removeNetwork = (id: string) =>
    limit(() => d.getNetwork(id).remove().then(() => void removed++, ignoreMissing)).catch(() => undefined); // the sweep below retries
  const early = [...left].filter(([, n]) => n === 0).map(([id]) => removeNetwork(id));
  await Promise.all([
    ...early,
    ...containers.map(async (c) => {
      // Killed first, and waited for: Docker releases a stopped container's
      // endpoints by itself, after the kill call has returned; a remove that
      // races with that release can leave Docker 20.10 counting an endpoint
      // that no longer exists (the network then cannot be removed until
      // dockerd restarts). Once stopped, the remove is quick.
      await limit(async () => {
        const ct = d.getContainer(c.Id);
        if (c.State === 'running') {
          await ct.kill().catch(() => undefined);
          await ct.wait({ condition: 'not-running' }).catch(() => undefined);
        }
        await ct.remove({ force: true, v: true }).catch(ignoreMissing);
      });
      await Promise.all(netsOf(c).map((id) => (left.set(id, left.get(id)! - 1), left.get(id) === 0 ? removeNetwork(id) : undefined)));
    }),
  ]);
  // Whatever is still there (a network still detaching, or made while we
  // listed): retry a few times.
  for (let attempt = 0; attempt < 5; attempt++) {
    const rest = await d.listNetworks({ filters });
    if (rest.length === 0) break;
    const results = await Promise.allSettled(rest.map((n) => limit(() => d.getNetwork(n.Id).remove().catch(ignoreMissing))));
    removed += results.filter((r) => r.status === 'fulfilled').length;
    if (results.every((r) => r.status === 'fulfilled')) break;
    await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
  }
  const stuck = await d.listNetworks({ filters }).catch(() => []);
  for (const n of stuck) {
    emit({ kind: 'warning', message: `network ${n.Name} could not be removed (Docker says it has active endpoints, but no container is on it: it lost count, a Docker 20.10 bug); restart dockerd (pkill dockerd; bash scripts/setup-host.sh) and run aplus down --all` });
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
