// A scenario file to what a run needs: its plan (from the topology it names
// or holds), its traffic and its assertions, every error with file:line key.
import { dirname, resolve } from 'node:path';
import type { Assertion } from '../assert/assertion-schema';
import { InputError } from '../model/errors';
import { expectKind } from '../model/file-kind';
import { checked } from '../model/checked';
import { loadTopologyFile, readSourceFile, topologyAt } from '../model/load-topology';
import { applyOverrides } from './topology-overrides';
import { assertionSchema, scenarioSchema, type EventSpec, type ProbeSpec, type TrafficSpec } from '../model/scenario-schema';
import { formatPath, parseYaml } from '../model/yaml-source';
import type { HostPrefix } from './host-overlap';
import { planAt } from './load-plan';
import type { Plan } from './plan-types';
import { listProfiles } from '../traffic/load-profile';
import { CONNTRACK_TIMEOUTS, type ConntrackTimeouts } from '../traffic/conntrack-timeouts';
import { loadSimulation } from '../simulate/load-simulation';
import { specTimeouts } from '../simulate/simulation-schema';
import { simulationTraffic } from './simulation-traffic';

export interface LoadedScenario {
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly plan: Plan;
  readonly traffic: readonly TrafficSpec[];
  /** Generator i plays with seed + i. */
  readonly seed: number;
  /** The SMAPs' conntrack timeouts in profile time (a spec's, or Linux's), scaled with the profiles. */
  readonly conntrack: ConntrackTimeouts;
  /** The simulation spec the traffic comes from, if it does. */
  readonly simulation?: { readonly file: string; readonly name: string };
  readonly sampleEvery: number;
  readonly probes: readonly ProbeSpec[];
  readonly events: readonly EventSpec[];
  readonly assertions: readonly Assertion[];
}

export function loadScenario(file: string, opts: { text?: string; host?: readonly HostPrefix[] } = {}): LoadedScenario {
  const source = parseYaml(opts.text ?? readSourceFile(file), file);
  expectKind(source.value, file, 'scenario');
  const s = checked(source, [], scenarioSchema, source.value);
  const plan = (() => {
    if (typeof s.topology !== 'string') {
      const spec = topologyAt(source, ['topology'], s.topology);
      return planAt(s.with ? applyOverrides(spec, s.with, source, ['with']) : spec, source, ['topology'], opts.host);
    }
    const t = loadTopologyFile(resolve(dirname(file), s.topology));
    return planAt(s.with ? applyOverrides(t.spec, s.with, source, ['with']) : t.spec, t.source, [], opts.host);
  })();
  const assertions = s.assertions.map((a, i) => checked(source, ['assertions', i], assertionSchema, a));

  // Names in traffic and assertions must be nodes of the topology.
  const nodes = new Map(plan.nodes.map((n) => [n.name, n.role]));
  const need = (path: Array<string | number>, node: string | undefined, roles: readonly string[]) => {
    if (node !== undefined && !roles.includes(nodes.get(node) ?? '')) {
      throw new InputError(`no ${roles.join(' or ')} named "${node}" in topology ${plan.name}`, { location: source.locate(path), key: formatPath(path) });
    }
  };
  const specTraffic = (sim: NonNullable<typeof s.simulation>, seed: number | undefined, alsoTraffic: boolean) => {
    const at = (key: string) => ({ location: source.locate(['simulation', key]), key: `simulation.${key}` });
    if (alsoTraffic) throw new InputError('give traffic or simulation, not both: generator i must be the spec\'s user i', at('spec'));
    sim.clients?.forEach((c, j) => need(['simulation', 'clients', j], c, ['client']));
    sim.smaps?.forEach((m, j) => need(['simulation', 'smaps', j], m, ['smap']));
    const loaded = loadSimulation(resolve(dirname(file), sim.spec));
    if (seed !== undefined && seed !== loaded.spec.seed) {
      throw new InputError(`seed ${seed} is not the spec's (${loaded.spec.seed}): the run would not be the spec's users`, { location: source.locate(['seed']), key: 'seed' });
    }
    const clients = plan.nodes
      .filter((n) => n.role === 'client' && (sim.clients ? sim.clients.includes(n.name) : sim.smaps ? sim.smaps.includes(n.smap ?? '') : true))
      .map((n) => n.name);
    return { traffic: simulationTraffic(loaded.spec, sim, clients), seed: loaded.spec.seed, conntrack: specTimeouts(loaded.spec), name: loaded.spec.name, file: loaded.file };
  };
  const fromSpec = s.simulation ? specTraffic(s.simulation, s.seed, s.traffic.length > 0) : undefined;
  const traffic = fromSpec?.traffic ?? s.traffic;
  const profiles = listProfiles();
  s.traffic.forEach((t, i) => {
    if (!profiles.includes(t.profile)) {
      throw new InputError(`no profile "${t.profile}" (profiles: ${profiles.join(', ')})`, {
        location: source.locate(['traffic', i, 'profile']),
        key: `traffic[${i}].profile`,
      });
    }
    t.clients?.forEach((c, j) => need(['traffic', i, 'clients', j], c, ['client']));
    t.smaps?.forEach((m, j) => need(['traffic', i, 'smaps', j], m, ['smap']));
  });
  const probes = new Map<string, number>();
  s.probes.forEach((p, i) => {
    need(['probes', i, 'client'], p.client, ['client']);
    if (probes.has(p.name)) throw new InputError(`duplicate probe name "${p.name}" (also probes[${probes.get(p.name)}])`, { location: source.locate(['probes', i, 'name']), key: `probes[${i}].name` });
    probes.set(p.name, i);
  });
  const networks = plan.networks.map((n) => n.key);
  s.events.forEach((e, i) => {
    if ('impair' in e) {
      if (!networks.includes(e.network)) {
        throw new InputError(`no network "${e.network}" in topology ${plan.name} (networks: ${networks.join(', ')})`, { location: source.locate(['events', i, 'network']), key: `events[${i}].network` });
      }
    } else if ('link' in e) need(['events', i, 'link'], e.link, ['router']);
    else if ('router' in e) need(['events', i, 'router'], e.router, ['router']);
    else need(['events', i, 'node'], e.node, ['prr', 'smap', 'router', 'client', 'server']);
  });
  assertions.forEach((a, i) => {
    if ((a.check === 'path-mtu' || a.check === 'transfer') && !probes.has(a.probe)) {
      throw new InputError(`no probe named "${a.probe}" in this scenario`, { location: source.locate(['assertions', i, 'probe']), key: `assertions[${i}].probe` });
    }
    if (a.check === 'icmp') need(['assertions', i, 'node'], a.node, ['prr', 'smap', 'router', 'client', 'server']);
    if ('smap' in a) need(['assertions', i, 'smap'], a.smap, ['smap']);
    if ('client' in a) need(['assertions', i, 'client'], a.client, ['client']);
    // Per-SMAP drop counters are the PRR's.
    if (a.check === 'drops') need(['assertions', i, 'node'], a.node, a.smap === undefined ? ['prr', 'smap'] : ['prr']);
    if (a.check === 'router') need(['assertions', i, 'node'], a.node, ['router']);
  });
  return {
    file,
    name: s.name ?? plan.name,
    ...(s.description ? { description: s.description } : {}),
    tags: s.tags,
    plan,
    traffic,
    seed: fromSpec?.seed ?? s.seed ?? 1,
    conntrack: fromSpec?.conntrack ?? CONNTRACK_TIMEOUTS,
    ...(fromSpec ? { simulation: { file: fromSpec.file, name: fromSpec.name } } : {}),
    sampleEvery: s.sampleEvery,
    probes: s.probes,
    events: s.events,
    assertions,
  };
}
