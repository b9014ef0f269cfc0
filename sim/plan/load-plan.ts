// File to plan: load and validate the topology, plan it, and turn a
// planner complaint into an error that points at the file and line.
import { InputError } from '../model/errors';
import { loadTopologyFile, loadTopologyText } from '../model/load-topology';
import type { TopologySpec } from '../model/topology-schema';
import { formatPath, type Path, type YamlSource } from '../model/yaml-source';
import { checkHostOverlap, type HostPrefix } from './host-overlap';
import { PlanError } from './plan-error';
import { plan } from './planner';
import type { Plan } from './plan-types';

export interface LoadedPlan {
  readonly file: string;
  readonly spec: TopologySpec;
  readonly plan: Plan;
}

export interface LoadOptions {
  /** The file's text, when it is not to be read from disk. */
  readonly text?: string;
  /** What the host uses (runtime/host-prefixes.ts); no overlap check without it. */
  readonly host?: readonly HostPrefix[];
}

export function loadPlan(file: string, opts: LoadOptions = {}): LoadedPlan {
  const { spec, source } = opts.text === undefined ? loadTopologyFile(file) : loadTopologyText(opts.text, file);
  return { file, spec, plan: planAt(spec, source, [], opts.host) };
}

/** Plans a topology found at `at` in source; a planner complaint points at its key there. */
export function planAt(spec: TopologySpec, source: YamlSource, at: Path, host: readonly HostPrefix[] | undefined): Plan {
  try {
    const p = plan(spec);
    if (host) checkHostOverlap(p, host);
    return p;
  } catch (e) {
    if (e instanceof PlanError) {
      const path = [...at, ...e.path];
      throw new InputError(e.message, { location: source.locate(path), key: formatPath(path), cause: e });
    }
    throw e;
  }
}
