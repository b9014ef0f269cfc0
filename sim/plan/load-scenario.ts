// A scenario file to what a run needs: its plan (from the topology it names
// or holds), its traffic and its assertions, every error with file:line key.
import { dirname, resolve } from 'node:path';
import type { Assertion } from '../assert/assertion-schema';
import { InputError } from '../model/errors';
import { checked, readSourceFile, topologyAt } from '../model/load-topology';
import { assertionSchema, scenarioSchema, type TrafficSpec } from '../model/scenario-schema';
import { formatPath, parseYaml } from '../model/yaml-source';
import type { HostPrefix } from './host-overlap';
import { loadPlan, planAt } from './load-plan';
import type { Plan } from './plan-types';
import { listProfiles } from '../traffic/load-profile';

export interface LoadedScenario {
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly plan: Plan;
  readonly traffic: readonly TrafficSpec[];
  readonly sampleEvery: number;
  readonly assertions: readonly Assertion[];
}

export function loadScenario(file: string, opts: { text?: string; host?: readonly HostPrefix[] } = {}): LoadedScenario {
  const source = parseYaml(opts.text ?? readSourceFile(file), file);
  const s = checked(source, [], scenarioSchema, source.value);
  const plan =
    typeof s.topology === 'string'
      ? loadPlan(resolve(dirname(file), s.topology), opts.host ? { host: opts.host } : {}).plan
      : planAt(topologyAt(source, ['topology'], s.topology), source, ['topology'], opts.host);
  const assertions = s.assertions.map((a, i) => checked(source, ['assertions', i], assertionSchema, a));

  // Names in traffic and assertions must be nodes of the topology.
  const nodes = new Map(plan.nodes.map((n) => [n.name, n.role]));
  const need = (path: Array<string | number>, node: string | undefined, roles: readonly string[]) => {
    if (node !== undefined && !roles.includes(nodes.get(node) ?? '')) {
      throw new InputError(`no ${roles.join(' or ')} named "${node}" in topology ${plan.name}`, { location: source.locate(path), key: formatPath(path) });
    }
  };
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
  assertions.forEach((a, i) => {
    if ('smap' in a) need(['assertions', i, 'smap'], a.smap, ['smap']);
    if ('client' in a) need(['assertions', i, 'client'], a.client, ['client']);
    if (a.check === 'drops') need(['assertions', i, 'node'], a.node, ['prr', 'smap']);
  });
  return {
    file,
    name: s.name ?? plan.name,
    ...(s.description ? { description: s.description } : {}),
    tags: s.tags,
    plan,
    traffic: s.traffic,
    sampleEvery: s.sampleEvery,
    assertions,
  };
}
