// A value found in a file, checked against its schema: the value it gives,
// or one InputError naming file:line, the key and what is wrong with it (the
// first problem in the file, and how many more there are).
import type { z } from 'zod';
import { InputError } from './errors';
import { explainIssues } from './explain-issues';
import { formatPath, type Path, type YamlSource } from './yaml-source';

/** Validates value (found at path in the file) against schema. */
export function checked<S extends z.ZodType>(source: YamlSource, path: Path, schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const problems = explainIssues(schema, value, r.error.issues).map((p) => ({ ...p, loc: source.locate([...path, ...p.at]) }));
  problems.sort((a, b) => (a.loc.line ?? 0) - (b.loc.line ?? 0));
  const first = problems[0]!;
  const n = problems.length - 1;
  const more = n > 0 ? ` (and ${n} more problem${n === 1 ? '' : 's'})` : '';
  throw new InputError(`${first.message}${more}`, { location: first.loc, key: formatPath([...path, ...first.key]) || undefined });
}
