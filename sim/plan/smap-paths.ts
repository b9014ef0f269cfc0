// The nodes with counters that a client's packets cross, per SMAP: the SMAP,
// the routers between it and the PRR (its link's router, then each one above
// it up to the core), and the PRR. Every client of a SMAP shares its path,
// both ways: the PRR reaches a link through the same chain of routers. The
// chain is the one smap-mtus.ts walks for the MTUs, read as routers.
import type { Plan } from './plan-types';
import { smapMtus } from './smap-mtus';

export interface PathHop {
  readonly node: string;
  readonly role: 'smap' | 'router' | 'prr';
}

/** By SMAP name, its hops from the SMAP to the PRR. */
export type SmapPaths = Readonly<Record<string, readonly PathHop[]>>;

export function smapPaths(plan: Plan): SmapPaths {
  // Each network a router's `link` interface sits on is that router's link.
  const routerOf = new Map(plan.nodes.filter((n) => n.role === 'router')
    .flatMap((r) => r.interfaces.filter((i) => i.ifname === 'link').map((i) => [i.network, r.name] as const)));
  const prr = plan.nodes.find((n) => n.role === 'prr');
  return Object.fromEntries(smapMtus(plan).map((m) => [m.smap, [
    { node: m.smap, role: 'smap' as const },
    ...m.path.flatMap((network) => {
      const router = routerOf.get(network);
      return router === undefined ? [] : [{ node: router, role: 'router' as const }];
    }),
    ...(prr ? [{ node: prr.name, role: 'prr' as const }] : []),
  ]]));
}
