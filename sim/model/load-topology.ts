// Reads a topology file: YAML with positions, then the schema, then each
// SMAP entry as a single SMAP or a group. Every error names file:line key.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { InputError } from './errors';
import { checked } from './checked';
import { expectKind } from './file-kind';
import { parseYaml, type Path, type YamlSource } from './yaml-source';
import {
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
  // A group is told by its own keys, so that a misspelt `count` is still read as a group's.
  const smaps = top.smaps.map((raw, i): SmapSpec | SmapGroupSpec =>
    raw !== null && typeof raw === 'object' && ('count' in raw || 'group' in raw)
      ? checked(source, [...path, 'smaps', i], smapGroupSchema, raw)
      : checked(source, [...path, 'smaps', i], smapSchema, raw),
  );
  const name = top.name ?? basename(source.file, extname(source.file)).toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return { ...top, name, smaps };
}
