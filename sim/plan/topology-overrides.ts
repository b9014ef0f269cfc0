// A scenario's `with:` applied to the topology it names (docs/scenarios.md):
// the same rooms with the paper's settings in one scenario and a fix in the
// next. Names that are not in the topology are bad input, pointed at.
import { InputError } from '../model/errors';
import { isGroup, type TopologyOverrides, type TopologySpec } from '../model/topology-schema';
import type { Path, YamlSource } from '../model/yaml-source';
import { formatPath } from '../model/yaml-source';

export function applyOverrides(spec: TopologySpec, o: TopologyOverrides, source: YamlSource, at: Path): TopologySpec {
  const unknown = (kind: string, name: string, path: Path, known: string[]) =>
    new InputError(`no ${kind} named "${name}" in topology ${spec.name} (${known.join(', ') || 'none'})`, { location: source.locate(path), key: formatPath(path) });
  const smapNames = spec.smaps.map((s) => (isGroup(s) ? s.group : s.name));
  for (const name of Object.keys(o.smaps ?? {})) if (!smapNames.includes(name)) throw unknown('SMAP or group', name, [...at, 'smaps', name], smapNames);
  const routerNames = spec.routers.map((r) => r.name);
  for (const name of Object.keys(o.routers ?? {})) if (!routerNames.includes(name)) throw unknown('router', name, [...at, 'routers', name], routerNames);
  return {
    ...spec,
    prr: { ...spec.prr, ...o.prr },
    smaps: spec.smaps.map((s) => ({ ...s, ...o.smaps?.[isGroup(s) ? s.group : s.name] })),
    routers: spec.routers.map((r) => {
      const x = o.routers?.[r.name];
      return x ? { ...r, ...(x.ptb ? { ptb: x.ptb } : {}), link: { ...r.link, ...(x.mtu ? { mtu: x.mtu } : {}) } } : r;
    }),
  };
}
