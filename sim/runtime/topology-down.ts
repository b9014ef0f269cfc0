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

/** Networks with this many endpoints or more detach outside the shared queue. */
const BIG_NETWORK = 8;

export async function downRun(d: Docker, runId: string | undefined, emit: EventSink): Promise<DownResult> {
  const started = Date.now();
  // Docker does much of this in parallel (measured: 16 at once beat 8 by a sixth for 202 containers).
  const limit = pLimit(16);
  const filters = runFilter(runId);
  const [containers, networks] = await Promise.all([d.listContainers({ all: true, filters }), d.listNetworks({ filters })]);
  // Each network goes as soon as its last endpoint has gone, each container
  // as soon as it has no endpoint left.
  const byName = new Map(networks.map((n) => [n.Name, n.Id]));
  const left = new Map(networks.map((n) => [n.Id, 0]));
  const netsOf = (c: Docker.ContainerInfo) =>
    Object.keys(c.NetworkSettings?.Networks ?? {}).flatMap((name) => (byName.has(name) ? [byName.get(name)!] : []));
  for (const c of containers) for (const id of netsOf(c)) left.set(id, left.get(id)! + 1);
  let removed = 0;
  const removeNetwork = (id: string) =>
    limit(() => d.getNetwork(id).remove().then(() => void removed++, ignoreMissing)).catch(() => undefined); // the sweep below retries
  const early = [...left].filter(([, n]) => n === 0).map(([id]) => removeNetwork(id));
  // Docker 20.10 can lose count of a network's endpoints when several leave
  // it at once, as when many containers on it stop together and Docker
  // releases their endpoints by itself: the network then refuses to go
  // until dockerd restarts. So each network's endpoints are detached first,
  // one after another while the containers still run (networks in
  // parallel), and a container is killed and removed only once it has none.
  const pending = new Map(containers.map((c) => [c.Id, netsOf(c).length]));
  const removeContainer = (id: string) => limit(() => d.getContainer(id).remove({ force: true, v: true }).catch(ignoreMissing));
  const removals: Array<Promise<unknown>> = containers.filter((c) => netsOf(c).length === 0).map((c) => removeContainer(c.Id));
  // The chain of the largest network (the core: every SMAP and the PRR) is
  // the critical path: it does not queue behind the small networks' work
  // (measured for campus-100: a shared queue held it 16 s for its first 3 steps).
  const laneOf = (n: number) => (fn: () => Promise<void>): Promise<void> => (n >= BIG_NETWORK ? fn() : limit(fn));
  await Promise.all([
    ...early,
    ...[...left].filter(([, n]) => n > 0).map(async ([net, n]) => {
      const lane = laneOf(n);
      for (const c of containers.filter((x) => netsOf(x).includes(net))) {
        await lane(() => d.getNetwork(net).disconnect({ Container: c.Id, Force: true }).catch(() => undefined));
        pending.set(c.Id, pending.get(c.Id)! - 1);
        if (pending.get(c.Id) === 0) removals.push(removeContainer(c.Id));
      }
      await removeNetwork(net);
    }),
  ]);
  await Promise.all(removals);
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
