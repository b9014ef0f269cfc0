// Reads a traffic profile by name (profiles/<name>.yaml at the repository
// root) or by path, with the project's YAML positions: every error names
// file:line and key, as topology files do (docs/topology.md).
import { readdirSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../model/errors';
import { checked } from '../model/checked';
import { readSourceFile } from '../model/load-topology';
import { formatPath, parseYaml, type YamlSource } from '../model/yaml-source';
import { profileSchema, type Profile } from './profile-schema';

/** profiles/ at the repository root, next to sim/. */
export const PROFILES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../profiles');

export interface LoadedProfile {
  readonly profile: Profile;
  readonly source: YamlSource;
}

export interface ProfileLookup {
  /** Where named profiles live; default PROFILES_DIR. */
  readonly dir?: string;
}

/** The names of the profiles in dir, sorted. */
export function listProfiles(opts: ProfileLookup = {}): string[] {
  const dir = opts.dir ?? PROFILES_DIR;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .sort();
}

/** A path if it looks like one (a slash or a .yaml/.yml ending), else a name in the profiles folder. */
export function loadProfile(nameOrPath: string, opts: ProfileLookup = {}): LoadedProfile {
  const isPath = nameOrPath.includes('/') || /\.ya?ml$/.test(nameOrPath);
  if (isPath) return loadProfileFile(nameOrPath);
  const dir = opts.dir ?? PROFILES_DIR;
  const known = listProfiles({ dir });
  if (!known.includes(nameOrPath))
    throw new InputError(`no profile "${nameOrPath}"; known: ${known.join(', ')}`, { key: 'profile' });
  return loadProfileFile(resolve(dir, `${nameOrPath}.yaml`));
}

export function loadProfileFile(file: string): LoadedProfile {
  return loadProfileText(readSourceFile(file), file);
}

export function loadProfileText(text: string, file: string): LoadedProfile {
  const source = parseYaml(text, file);
  const profile = checked(source, [], profileSchema, source.value);
  // The file name is the profile's name, so that scenarios can say `profile: gmail`.
  const stem = basename(file, extname(file));
  if (/\.ya?ml$/.test(file) && profile.name !== stem)
    throw new InputError(`the profile's name "${profile.name}" differs from its file name "${stem}"`, {
      location: source.locate(['name']),
      key: formatPath(['name']),
    });
  return { profile, source };
}
