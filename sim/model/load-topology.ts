// Reads a topology file: YAML with positions, then the schema, then each
// SMAP entry as a single SMAP or a group. Every error names file:line key.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import { InputError } from './errors';
import { formatPath, parseYaml, type Path, type YamlSource } from './yaml-source';
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
  return { spec: topologyAt(source, [], source.value), source };
}

/** A topology found at path in a file (the whole file, or a scenario's inline `topology:`). */
export function topologyAt(source: YamlSource, path: Path, value: unknown): TopologySpec {
  const top = checked(source, path, topologySchema, value);
  const smaps = top.smaps.map((raw, i): SmapSpec | SmapGroupSpec =>
    raw !== null && typeof raw === 'object' && 'count' in raw
      ? checked(source, [...path, 'smaps', i], smapGroupSchema, raw)
      : checked(source, [...path, 'smaps', i], smapSchema, raw),
  );
  const name = top.name ?? basename(source.file, extname(source.file)).toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return { ...top, name, smaps };
}

/** Validates value (found at path in the file) against schema. */
export function checked<S extends z.ZodType>(source: YamlSource, path: Path, schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((iss) => {
    // An unknown key is reported on its parent: point at the key itself.
    const keys = iss.code === 'unrecognized_keys' ? iss.keys : [];
    const full = [...path, ...(iss.path as Path), ...keys.slice(0, 1)];
    return { full, message: iss.message, loc: source.locate(full) };
  });
  issues.sort((a, b) => (a.loc.line ?? 0) - (b.loc.line ?? 0));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new InputError(`${first.message}${more}`, { location: first.loc, key: formatPath(first.full) || undefined });
}
