// Reads a topology file: YAML with positions, then the schema, then each
// SMAP entry as a single SMAP or a group. Every error names file:line key.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { InputError } from './errors';
import { checked } from './checked';
import { expectKind } from './file-kind';
import { formatPath, parseYaml, type Path, type YamlSource } from './yaml-source';
import {
  psidGroupSchema,
  psidSmapSchema,
  smapGroupSchema,
  smapSchema,
  topologySchema,
  type SmapGroupSpec,
  type SmapSpec,
  type TopologySpec,
} from './topology-schema';

export interface LoadedTopology {
  readonly spec: TopologySpec;
  readonly source: YamlSource;
}

export function readSourceFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : `cannot read: ${code ?? String(e)}`, {
      location: { file },
      cause: e,
    });
  }
}

export function loadTopologyFile(file: string): LoadedTopology {
  return loadTopologyText(readSourceFile(file), file);
}

export function loadTopologyText(text: string, file: string): LoadedTopology {
  const source = parseYaml(text, file);
  expectKind(source.value, file, 'topology');
  return { spec: topologyAt(source, [], source.value), source };
}

/** A topology found at path in a file (the whole file, or a scenario's inline `topology:`). */
export function topologyAt(source: YamlSource, path: Path, value: unknown): TopologySpec {
  const top = checked(source, path, topologySchema, value);
  // A group is told by its own keys, so that a misspelt `count` is still read
  // as a group's; ports of a PSID set by `psid`, else they are a range.
  const smaps = top.smaps.map((raw, i): SmapSpec | SmapGroupSpec => {
    const at: Path = [...path, 'smaps', i];
    const keys = raw !== null && typeof raw === 'object' ? raw : {};
    const group = 'count' in keys || 'group' in keys;
    if (!('psid' in keys)) return group ? checked(source, at, smapGroupSchema, raw) : checked(source, at, smapSchema, raw);
    const other = group ? ['portsPerSmap', 'firstPort'].find((k) => k in keys) : 'ports' in keys ? 'ports' : undefined;
    if (other) {
      throw new InputError(`\`${other}\` and \`psid\` are both given: a SMAP's ports are a range or a PSID set, not both`, {
        location: source.locate([...at, other]),
        key: formatPath(at),
      });
    }
    return group ? checked(source, at, psidGroupSchema, raw) : checked(source, at, psidSmapSchema, raw);
  });
  const name = top.name ?? basename(source.file, extname(source.file)).toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return { ...top, name, smaps };
}
