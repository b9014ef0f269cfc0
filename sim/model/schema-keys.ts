// The keys a schema allows for the object found at a path of a value: what an
// unknown key is compared with ("did you mean", "expected one of"). Walks the
// schema and the value together, so that in a union it follows the option the
// value was checked against.
import { z } from 'zod';
import type { Path } from './yaml-source';

/** The schema inside defaults, optionals and transforms: what the input is checked against. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodReadonly || s instanceof z.ZodCatch) {
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodPipe) {
      s = s.in as z.ZodType;
    } else if (s instanceof z.ZodLazy) {
      s = s.unwrap() as z.ZodType;
    } else {
      return s;
    }
  }
}

/**
 * The option of a union that value was meant for: the one its discriminator
 * names, else the one with the fewest problems (the first of equals), which
 * is also how the problems of a plain union are picked (explain-issues.ts).
 */
export function unionOption(union: z.ZodUnion, value: unknown): z.ZodType {
  const options = union.options as readonly z.ZodType[];
  const key = union instanceof z.ZodDiscriminatedUnion ? (union.def.discriminator as string) : undefined;
  const tag = key !== undefined && isRecord(value) ? value[key] : undefined;
  const named = tag === undefined ? options : options.filter((o) => shapeOf(o)?.[key!]?.safeParse(tag).success);
  const pool = named.length > 0 ? named : options;
  let best = pool[0]!;
  let fewest = Infinity;
  for (const o of pool) {
    const n = o.safeParse(value).error?.issues.length ?? 0;
    if (n < fewest) [best, fewest] = [o, n];
  }
  return best;
}

function shapeOf(schema: z.ZodType): Readonly<Record<string, z.ZodType>> | undefined {
  const s = unwrap(schema);
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : undefined;
}

/** The schema meant for value (a union resolved to one option). */
function resolve(schema: z.ZodType, value: unknown): z.ZodType {
  let s = unwrap(schema);
  while (s instanceof z.ZodUnion) s = unwrap(unionOption(s, value));
  return s;
}

/** The keys allowed at path in value, in the schema's order; undefined when no object schema is found there. */
export function objectKeysAt(schema: z.ZodType, value: unknown, path: Path): readonly string[] | undefined {
  let s = resolve(schema, value);
  let v = value;
  for (const step of path) {
    v = isRecord(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[step] : undefined;
    if (s instanceof z.ZodObject && typeof step === 'string') s = (s.shape as Record<string, z.ZodType>)[step] ?? z.never();
    else if (s instanceof z.ZodArray && typeof step === 'number') s = s.element as z.ZodType;
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else return undefined;
    s = resolve(s, v);
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape) : undefined;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
