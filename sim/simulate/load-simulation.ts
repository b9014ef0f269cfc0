// A simulation spec file to a population: each mix entry's profile loaded
// and scaled by its share, users in blocks; every error names file:line and key (exit 2).
import { InputError } from '../model/errors';
import { checked } from '../model/checked';
import { readSourceFile } from '../model/load-topology';
import { formatPath, parseYaml } from '../model/yaml-source';
import { listProfiles, loadProfile } from '../traffic/load-profile';
import { scaleProfile } from '../traffic/scale-profile';
import { mixBlocks, type Population } from './population';
import { simulationSchema, specTimeouts, type SimulationSpec } from './simulation-schema';
import { sizeForRatio } from './sizing';

export interface LoadedSimulation {
  readonly file: string;
  readonly spec: SimulationSpec;
  readonly population: Population;
  /** The sizes to weigh, ascending: the spec's sizes and those of its ratios. */
  readonly sizes: readonly number[];
}

export function loadSimulation(file: string, opts: { text?: string } = {}): LoadedSimulation {
  const source = parseYaml(opts.text ?? readSourceFile(file), file);
  const spec = checked(source, [], simulationSchema, source.value);
  const known = listProfiles();
  spec.mix.forEach((e, i) => {
    if (!known.includes(e.profile)) {
      const path = ['mix', i, 'profile'];
      throw new InputError(`no profile "${e.profile}" (profiles: ${known.join(', ')})`, { location: source.locate(path), key: formatPath(path) });
    }
  });
  const blocks = mixBlocks(spec.users, spec.mix.map((e) => e.percent));
  const entries = spec.mix.map((e, k) => ({
    profile: scaleProfile(loadProfile(e.profile).profile, { share: e.share }),
    share: e.share,
    percent: e.percent,
    ...blocks[k]!,
  }));
  const sizes = [...new Set([...spec.sizes, ...spec.ratios.map(sizeForRatio)])].sort((a, b) => a - b);
  return { file, spec, population: { users: spec.users, seed: spec.seed, entries, conntrack: specTimeouts(spec) }, sizes };
}
