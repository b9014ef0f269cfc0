// The planner: a topology spec in, a concrete plan out. Pure: it expands
// SMAP groups, allocates addresses, LANs and port ranges, names nodes, and
// checks the rules across fields. Errors carry the path of the key at fault.
import { isImpaired, type Impairment } from '../model/impairment';
import {
  canonical,
  contains,
  formatAddress,
  formatPrefix,
  nthAddress,
  nthSubnet,
  overlaps,
  parseAddress,
  parsePrefix,
  prefixSize,
  type Prefix,
} from '../model/ip';
import { PortOwners } from '../aplus/core/port-owners';
import { formatPortSet, isPsidSet, type PortSet } from '../aplus/core/port-set';
import { isGroup, type SmapGroupSpec, type SmapSpec, type TopologySpec } from '../model/topology-schema';
import type { Path } from '../model/yaml-source';
import { formatPath } from '../model/yaml-source';
import { PlanError } from './plan-error';
import type { Plan, PlannedNetwork, PlannedNode, PlannedRoute } from './plan-types';
import { plural } from '../report/plural';

const FIRST_CLIENT_HOST = 100n;
const GROUP_V6_OFFSET = 0x1000n;

interface SmapDraft {
  readonly path: Path;
  readonly name: string;
  /** Where the name comes from: the SMAP's name, or its group's. */
  readonly namePath: Path;
  readonly lanPath: Path;
  readonly ipv6: string;
  readonly ports: PortSet;
  /** Its shared address, as the PRR's list spells it. */
  readonly shared: string;
  readonly lan: Prefix;
  readonly lanAddress: string;
  readonly tunnelMtu: number;
  readonly dhcpMtu: number | undefined;
  readonly pmtud: boolean;
  readonly mssClamp: number | 'pmtu' | undefined;
  readonly hairpin: boolean;
  readonly dropInvalid: boolean;
  readonly via: string | undefined;
  readonly clients: ReadonlyArray<{ readonly name: string; readonly ipv4: string; readonly path: Path }>;
}

const addr = (text: string) => parseAddress(text)!;
const inPrefix = (p: Prefix, text: string) => contains(p, addr(text).family, addr(text).value);

/** The address Docker gives the host's bridge: high in the subnet, away from the nodes. */
function hostGateway(p: Prefix): string {
  const size = prefixSize(p);
  return nthAddress(p, p.family === 6 && size > 0x10000n ? 0xfffen : size - 2n);
}

class Registry {
  private readonly seen = new Map<string, Path>();
  constructor(private readonly what: string) {}
  claim(key: string, path: Path, shown = key): void {
    const other = this.seen.get(key);
    if (other) throw new PlanError(path, `duplicate ${this.what} "${shown}" (also used at ${formatPath(other)})`);
    this.seen.set(key, path);
  }
}

export function plan(spec: TopologySpec): Plan {
  const names = new Registry('name');
  const addrs = new Registry('address');
  const claimAddr = (text: string, path: Path) => addrs.claim(canonical(text), path, text);

  const core = spec.core.prefix;
  const internet = spec.internet.prefix;
  const networks: PlannedNetwork[] = [];
  networks.push({ key: 'core', kind: 'core', family: 6, subnet: formatPrefix(core), gateway: hostGateway(core), mtu: spec.core.mtu, ...impaired(spec.core.impair), origin: ['core', 'prefix'] });
  networks.push({ key: 'internet', kind: 'internet', family: 4, subnet: formatPrefix(internet), gateway: hostGateway(internet), mtu: 1500, ...impaired(spec.internet.impair), origin: ['internet', 'prefix'] });
  claimAddr(hostGateway(core), ['core', 'prefix']);
  claimAddr(hostGateway(internet), ['internet', 'prefix']);

  // The PRR.
  const prr = spec.prr;
  names.claim(prr.name, ['prr', 'name']);
  if (!inPrefix(core, prr.ipv6)) throw new PlanError(['prr', 'ipv6'], `${prr.ipv6} is not inside the core prefix ${formatPrefix(core)}`);
  if (!inPrefix(internet, prr.ipv4)) throw new PlanError(['prr', 'ipv4'], `${prr.ipv4} is not inside the internet prefix ${formatPrefix(internet)}`);
  claimAddr(prr.ipv6, ['prr', 'ipv6']);
  claimAddr(prr.ipv4, ['prr', 'ipv4']);
  const sharedPath = (i: number): Path => (prr.shared.length > 1 ? ['prr', 'shared', i] : ['prr', 'shared']);
  prr.shared.forEach((a, i) => claimAddr(a, sharedPath(i)));
  // A SMAP's `shared`, however it is spelled, as the PRR's list spells it.
  const sharedOf = (given: string | undefined, path: Path): string => {
    if (given === undefined) return prr.shared[0]!;
    const found = prr.shared.find((a) => canonical(a) === canonical(given));
    if (found === undefined) throw new PlanError(path, `${given} is not a shared address of the PRR (${prr.shared.join(', ')})`);
    return found;
  };

  // Routers and their links. A router hangs off the core, or off the link
  // of a router given before it (`via`), so that a path crosses links of
  // their own MTUs (paper IV-B: the path to the PRR was narrower than the
  // room's own link).
  const links = new Map<string, { prefix: Prefix; address: string; path: Path; via: string | undefined; upstream: string }>();
  spec.routers.forEach((r, i) => {
    const path: Path = ['routers', i];
    names.claim(r.name, [...path, 'name']);
    if (r.via !== undefined && !links.has(r.via)) {
      throw new PlanError([...path, 'via'], r.via === r.name || spec.routers.some((o) => o.name === r.via)
        ? `router "${r.via}" must be given before ${r.name}, which hangs off its link`
        : `no router named "${r.via}"`);
    }
    const upPrefix = r.via === undefined ? core : links.get(r.via)!.prefix;
    if (!inPrefix(upPrefix, r.ipv6)) {
      throw new PlanError([...path, 'ipv6'], `${r.ipv6} is not inside ${r.via === undefined ? 'the core prefix' : `the link of router ${r.via}`} ${formatPrefix(upPrefix)}`);
    }
    claimAddr(r.ipv6, [...path, 'ipv6']);
    const lp = r.link.prefix;
    if (overlaps(lp, core)) throw new PlanError([...path, 'link', 'prefix'], `${formatPrefix(lp)} overlaps the core prefix ${formatPrefix(core)}`);
    for (const [other, l] of links) {
      if (overlaps(lp, l.prefix)) throw new PlanError([...path, 'link', 'prefix'], `${formatPrefix(lp)} overlaps the link of router ${other}`);
    }
    const address = r.link.address ?? nthAddress(lp, 0xfen);
    if (!inPrefix(lp, address)) throw new PlanError([...path, 'link', 'address'], `${address} is not inside ${formatPrefix(lp)}`);
    claimAddr(address, [...path, 'link', 'address']);
    claimAddr(hostGateway(lp), [...path, 'link', 'prefix']);
    links.set(r.name, { prefix: lp, address, path, via: r.via, upstream: r.ipv6 });
    networks.push({ key: `link-${r.name}`, kind: 'link', family: 6, subnet: formatPrefix(lp), gateway: hostGateway(lp), mtu: r.link.mtu, ...impaired(r.link.impair), origin: [...path, 'link', 'prefix'] });
  });

  // SMAPs, one by one or expanded from groups.
  const lans: Array<{ prefix: Prefix; path: Path }> = [];
  const claimLan = (p: Prefix, path: Path) => {
    if (overlaps(p, internet)) throw new PlanError(path, `${formatPrefix(p)} overlaps the internet prefix ${formatPrefix(internet)}`);
    const clash = lans.find((l) => overlaps(l.prefix, p));
    if (clash) throw new PlanError(path, `${formatPrefix(p)} overlaps the LAN at ${formatPath(clash.path)}`);
    lans.push({ prefix: p, path });
  };
  const uplink = (via: string | undefined, path: Path): Prefix => {
    if (via === undefined) return core;
    const l = links.get(via);
    if (!l) throw new PlanError([...path, 'via'], `no router named "${via}"`);
    return l.prefix;
  };

  const drafts: SmapDraft[] = [];
  // Groups on one uplink number their SMAPs' addresses on from each other's.
  const groupHosts = new Map<string, number>();
  spec.smaps.forEach((entry, i) => {
    const path: Path = ['smaps', i];
    const shared = sharedOf(entry.shared, [...path, 'shared']);
    if (isGroup(entry)) {
      const up = uplink(entry.via, path);
      const before = groupHosts.get(formatPrefix(up)) ?? 0;
      groupHosts.set(formatPrefix(up), before + entry.count);
      drafts.push(...expandGroup(entry, path, shared, up, before, lans, claimLan));
    } else {
      drafts.push(explicitSmap(entry, path, shared, uplink(entry.via, path), claimLan));
    }
  });
  checkPortsDisjoint(drafts, prr.shared);

  const smapNodes: PlannedNode[] = [];
  const clientNodes: PlannedNode[] = [];
  for (const d of drafts) {
    names.claim(d.name, d.namePath);
    claimAddr(d.ipv6, [...d.path, 'ipv6']);
    claimAddr(d.lanAddress, [...d.path, 'address']);
    const link = d.via ? links.get(d.via) : undefined;
    smapNodes.push({
      name: d.name,
      role: 'smap',
      smap: d.name,
      interfaces: [
        { network: d.via ? `link-${d.via}` : 'core', ifname: 'wan', ipv6: d.ipv6 },
        { network: `lan-${d.name}`, ifname: 'lan', ipv4: d.lanAddress },
      ],
      routes: link ? [{ family: 6, to: 'default', via: link.address }] : [],
      smapRole: {
        ports: d.ports,
        lan: formatPrefix(d.lan),
        lanAddress: d.lanAddress,
        tunnelMtu: d.tunnelMtu,
        ...(d.dhcpMtu !== undefined ? { dhcpMtu: d.dhcpMtu } : {}),
        pmtud: d.pmtud,
        ...(d.mssClamp !== undefined ? { mssClamp: d.mssClamp } : {}),
        hairpin: d.hairpin,
        dropInvalid: d.dropInvalid,
        icmp: prr.icmp,
        prrV6: prr.ipv6,
        prrV4: prr.ipv4,
        shared: d.shared,
        dns: spec.servers[0]?.ipv4 ?? prr.ipv4,
      },
    });
    networks.push({ key: `lan-${d.name}`, kind: 'lan', family: 4, subnet: formatPrefix(d.lan), gateway: hostGateway(d.lan), mtu: 1500, origin: d.lanPath });
    for (const c of d.clients) {
      names.claim(c.name, [...c.path, 'name']);
      claimAddr(c.ipv4, [...c.path, 'ipv4']);
      clientNodes.push({
        name: c.name,
        role: 'client',
        smap: d.name,
        interfaces: [{ network: `lan-${d.name}`, ifname: 'lan', ipv4: c.ipv4 }],
        routes: [{ family: 4, to: 'default', via: d.lanAddress }],
      });
    }
  }

  const serverNodes: PlannedNode[] = spec.servers.map((s, i) => {
    const path: Path = ['servers', i];
    names.claim(s.name, [...path, 'name']);
    if (!inPrefix(internet, s.ipv4)) throw new PlanError([...path, 'ipv4'], `${s.ipv4} is not inside the internet prefix ${formatPrefix(internet)}`);
    claimAddr(s.ipv4, [...path, 'ipv4']);
    return { name: s.name, role: 'server', interfaces: [{ network: 'internet', ifname: 'inet', ipv4: s.ipv4 }], routes: [] };
  });

  // Every link is reached through the chain of routers above it: from the
  // core, the topmost router's core address; from each router on the way,
  // the next one's address on its link.
  const chain = (name: string): string[] => {
    const l = links.get(name)!;
    return l.via === undefined ? [name] : [...chain(l.via), name];
  };
  const routesTo = (from: string | undefined): PlannedRoute[] =>
    [...links.keys()].flatMap((target) => {
      const c = chain(target);
      const at = from === undefined ? -1 : c.indexOf(from);
      if ((from !== undefined && at < 0) || at === c.length - 1) return [];
      return [{ family: 6 as const, to: formatPrefix(links.get(target)!.prefix), via: links.get(c[at + 1]!)!.upstream }];
    });
  const routerNodes: PlannedNode[] = spec.routers.map((r) => ({
    name: r.name,
    role: 'router',
    interfaces: [
      { network: r.via === undefined ? 'core' : `link-${r.via}`, ifname: r.via === undefined ? 'core' : 'uplink', ipv6: r.ipv6 },
      { network: `link-${r.name}`, ifname: 'link', ipv6: links.get(r.name)!.address },
    ],
    routes: [
      ...(r.via === undefined ? [] : [{ family: 6 as const, to: 'default', via: links.get(r.via)!.address }]),
      ...routesTo(r.name),
    ],
    routerRole: { ptb: r.ptb },
  }));

  const prrNode: PlannedNode = {
    name: prr.name,
    role: 'prr',
    interfaces: [
      { network: 'core', ifname: 'core', ipv6: prr.ipv6 },
      { network: 'internet', ifname: 'inet', ipv4: prr.ipv4 },
    ],
    routes: routesTo(undefined),
    prrRole: {
      ipv4: prr.ipv4,
      ipv6: prr.ipv6,
      shared: prr.shared,
      smaps: drafts.map((d) => ({ name: d.name, ipv6: d.ipv6, shared: d.shared, ports: d.ports, tunnelMtu: d.tunnelMtu })),
      pmtud: prr.pmtud,
      fragments: prr.fragments,
      icmp: prr.icmp,
    },
  };

  return { name: spec.name, networks, nodes: [prrNode, ...routerNodes, ...smapNodes, ...clientNodes, ...serverNodes] };
}

/**
 * Ports must be disjoint among the SMAPs of each shared address: each SMAP
 * claims its own in file order, and the first to meet an earlier one's is
 * the error, at its `ports` or `psid`.
 */
function checkPortsDisjoint(drafts: readonly SmapDraft[], shared: readonly string[]): void {
  for (const address of shared) {
    const bound = drafts.filter((d) => d.shared === address);
    const owners = PortOwners.for(bound.map((d) => d.ports));
    bound.forEach((later, i) => {
      const clash = owners.claim(later.ports, i);
      if (!clash) return;
      const earlier = bound[clash.owner]!;
      const psid = isPsidSet(later.ports) || isPsidSet(earlier.ports);
      const at = psid ? ` at port ${clash.port}${shared.length > 1 ? ` of ${address}` : ''}` : '';
      throw new PlanError([...later.path, isPsidSet(later.ports) ? 'psid' : 'ports'],
        `${formatPortSet(later.ports)} overlaps ${formatPortSet(earlier.ports)} of SMAP ${earlier.name}${at}`);
    });
  }
}

function explicitSmap(s: SmapSpec, path: Path, shared: string, up: Prefix, claimLan: (p: Prefix, path: Path) => void): SmapDraft {
  if (!inPrefix(up, s.ipv6)) {
    throw new PlanError([...path, 'ipv6'], `${s.ipv6} is not inside ${s.via ? `the link of router ${s.via}` : 'the core prefix'} ${formatPrefix(up)}`);
  }
  claimLan(s.lan, [...path, 'lan']);
  const lanAddress = s.address ?? nthAddress(s.lan, 1n);
  checkLanHost(s.lan, lanAddress, [...path, 'address']);
  let next = FIRST_CLIENT_HOST;
  const clients = s.clients.map((c, j) => {
    const cpath: Path = [...path, 'clients', j];
    const ipv4 = c.ipv4 ?? nthAddress(s.lan, next++);
    checkLanHost(s.lan, ipv4, [...cpath, 'ipv4']);
    return { name: c.name, ipv4, path: cpath };
  });
  const ports: PortSet = 'psid' in s ? { psid: s.psid } : s.ports;
  return { path, name: s.name, namePath: [...path, 'name'], lanPath: [...path, 'lan'], ipv6: s.ipv6, ports, shared, lan: s.lan, lanAddress, tunnelMtu: s.tunnelMtu, dhcpMtu: s.dhcpMtu, pmtud: s.pmtud, mssClamp: s.mssClamp, hairpin: s.hairpin, dropInvalid: s.dropInvalid, via: s.via, clients };
}

/** The ports of a group's SMAPs, one after the other: ranges of `portsPerSmap`, or PSIDs from `firstId`; or why they do not fit. */
function groupPorts(g: SmapGroupSpec, path: Path): (i: number) => PortSet {
  if ('psid' in g) {
    const { offset, length, firstId } = g.psid;
    const lastId = firstId + g.count - 1;
    if (lastId >= 2 ** length) {
      throw new PlanError([...path, 'count'],
        `${plural(g.count, 'SMAP')} with PSIDs of ${length} bits from ${firstId} need ids up to ${lastId}, past ${2 ** length - 1}: at most ${Math.max(0, 2 ** length - firstId)} fit`);
    }
    return (i) => ({ psid: { offset, length, id: firstId + i } });
  }
  const lastPort = g.firstPort + g.count * g.portsPerSmap - 1;
  if (lastPort > 65535) {
    const fit = Math.floor((65536 - g.firstPort) / g.portsPerSmap);
    throw new PlanError([...path, 'count'],
      `${plural(g.count, 'SMAP')} of ${plural(g.portsPerSmap, 'port')} from ${g.firstPort} need ports up to ${lastPort}, past 65535: at most ${fit} fit`);
  }
  return (i) => ({ first: g.firstPort + i * g.portsPerSmap, last: g.firstPort + (i + 1) * g.portsPerSmap - 1 });
}

function expandGroup(
  g: SmapGroupSpec,
  path: Path,
  shared: string,
  up: Prefix,
  /** SMAPs of earlier groups on this uplink. */
  hostsBefore: number,
  lans: ReadonlyArray<{ prefix: Prefix }>,
  claimLan: (p: Prefix, path: Path) => void,
): SmapDraft[] {
  const portsOf = groupPorts(g, path);
  if (g.lanPool.length > 24) throw new PlanError([...path, 'lanPool'], 'expected a pool of /24 or larger');
  const width = String(g.count).length;
  const poolSize = Number(prefixSize(g.lanPool) >> 8n);
  const out: SmapDraft[] = [];
  let slot = 1; // 192.168.0.0/24 stays free: it is many hosts' home network
  for (let i = 0; i < g.count; i++) {
    let lan: Prefix | undefined;
    for (; slot < poolSize && !lan; slot++) {
      const cand = nthSubnet(g.lanPool, 24, slot);
      if (!lans.some((l) => overlaps(l.prefix, cand))) lan = cand;
    }
    if (!lan) throw new PlanError([...path, 'lanPool'], `${formatPrefix(g.lanPool)} has no free /24 left for SMAP ${i + 1} of ${g.count}`);
    claimLan(lan, [...path, 'lanPool']);
    const v6 = up.base + GROUP_V6_OFFSET + BigInt(hostsBefore + i) + 1n;
    if (!contains(up, 6, v6)) throw new PlanError([...path, 'count'], `${formatPrefix(up)} is too small for ${plural(g.count, 'SMAP')}`);
    const name = `${g.group}-${String(i + 1).padStart(width, '0')}`;
    const clients = Array.from({ length: g.clientsPerSmap }, (_, j) => ({
      name: `${name}-c${j + 1}`,
      ipv4: nthAddress(lan!, FIRST_CLIENT_HOST + BigInt(j)),
      path: [...path, 'clientsPerSmap'] as Path,
    }));
    out.push({
      path, name, namePath: [...path, 'group'], lanPath: [...path, 'lanPool'], ipv6: formatAddress(6, v6), ports: portsOf(i), shared,
      lan, lanAddress: nthAddress(lan, 1n), tunnelMtu: g.tunnelMtu, dhcpMtu: g.dhcpMtu, pmtud: g.pmtud, mssClamp: g.mssClamp, hairpin: g.hairpin, dropInvalid: g.dropInvalid, via: g.via, clients,
    });
  }
  return out;
}

function checkLanHost(lan: Prefix, ip: string, path: Path): void {
  const a = addr(ip);
  const size = prefixSize(lan);
  if (!contains(lan, a.family, a.value)) throw new PlanError(path, `${ip} is not inside the LAN ${formatPrefix(lan)}`);
  const n = a.value - lan.base;
  if (n === 0n || n === size - 1n) throw new PlanError(path, `${ip} is the network or broadcast address of ${formatPrefix(lan)}`);
  if (ip === hostGateway(lan) || canonical(ip) === hostGateway(lan)) {
    throw new PlanError(path, `${ip} is kept for the host's side of the LAN bridge; pick another address`);
  }
}

/** A network's impairment, when it has one (an empty `impair:` is none). */
const impaired = (i: Impairment | undefined): { impair?: Impairment } => (isImpaired(i) ? { impair: i } : {});
