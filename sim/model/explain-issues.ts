// Zod's issues as problems a person can act on: a misspelt key is one problem
// ("unknown key `portz` (did you mean `ports`?)"), not an unknown key and a
// missing one; an unknown key with nothing close lists the keys allowed; a
// value outside a set of names says which name was probably meant; a union
// reports the problems of the option the input was meant for.
import type { z } from 'zod';
import { closestName } from './closest-name';
import { isRecord, objectKeysAt } from './schema-keys';
import type { Path } from './yaml-source';

export interface Problem {
  /** Where to point in the file: the key at fault, or the nearest key above it that exists. */
  readonly at: Path;
  /** The key the message is about, as shown before it: the object for an unknown or missing key. */
  readonly key: Path;
  readonly message: string;
}

type Issue = z.core.$ZodIssue;

const valueAt = (root: unknown, path: Path): unknown =>
  path.reduce<unknown>((v, k) => (isRecord(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[k] : undefined), root);

const quoteList = (names: readonly unknown[]) => names.map((n) => (typeof n === 'string' ? n : JSON.stringify(n))).join(', ');

/**
 * A union's problems are those of the option with the fewest (the first of
 * equals): the option the input was most likely meant for. schema-keys.ts
 * picks the same option for the keys it allows.
 */
function flatten(issues: readonly Issue[], base: Path): Array<Issue & { readonly at: Path }> {
  return issues.flatMap((iss) => {
    const at = [...base, ...(iss.path as Path)];
    if (iss.code === 'invalid_union' && iss.errors.length > 0) {
      const best = iss.errors.reduce((a, b) => (b.length < a.length ? b : a));
      return flatten(best, at);
    }
    return [{ ...iss, at }];
  });
}

/** What was wrong with value, checked against schema: one problem per mistake, in no particular order. */
export function explainIssues(schema: z.ZodType, value: unknown, issues: readonly Issue[]): Problem[] {
  const flat = flatten(issues, []);
  // A key is missing when the schema wanted a value and the object has none there.
  const missing = flat.filter((i) => i.code === 'invalid_type' && i.at.length > 0 && valueAt(value, i.at) === undefined && isRecord(valueAt(value, i.at.slice(0, -1))));
  const explained = new Set<Issue>();
  const problems: Problem[] = [];

  for (const iss of flat) {
    if (iss.code !== 'unrecognized_keys') continue;
    const parent = iss.at;
    const allowed = objectKeysAt(schema, value, parent);
    const given = Object.keys((valueAt(value, parent) as Record<string, unknown> | undefined) ?? {});
    const missingHere = missing.filter((m) => sameParent(m.at, parent));
    // Likelier first: a key the schema requires and did not get, then one it allows and did not get.
    const candidates = [...missingHere.map((m) => String(m.at.at(-1))), ...(allowed ?? []).filter((k) => !given.includes(k))];
    const taken = new Set<string>();
    for (const key of iss.keys) {
      const meant = closestName(key, candidates.filter((c) => !taken.has(c)));
      let message = `unknown key \`${key}\``;
      if (meant !== undefined) {
        taken.add(meant);
        for (const m of missingHere) if (m.at.at(-1) === meant) explained.add(m);
        message += ` (did you mean \`${meant}\`?)`;
      } else if (allowed) {
        message += ` (expected one of: ${allowed.join(', ')})`;
      }
      problems.push({ at: [...parent, key], key: parent, message });
    }
  }

  for (const iss of flat) {
    if (iss.code === 'unrecognized_keys' || explained.has(iss)) continue;
    if (missing.includes(iss)) {
      problems.push({ at: iss.at, key: iss.at.slice(0, -1), message: `missing key \`${String(iss.at.at(-1))}\`` });
    } else if (iss.code === 'invalid_union' && iss.discriminator !== undefined && 'options' in iss && iss.options) {
      problems.push(oneOf(iss.at, valueAt(value, iss.at), iss.options));
    } else if (iss.code === 'invalid_value' && iss.values.length > 1) {
      problems.push(oneOf(iss.at, valueAt(value, iss.at), iss.values));
    } else {
      problems.push({ at: iss.at, key: iss.at, message: iss.message });
    }
  }
  return problems;
}

/** A value that must be one of a few names: which one was probably meant. */
function oneOf(at: Path, given: unknown, names: readonly unknown[]): Problem {
  if (given === undefined) return { at, key: at.slice(0, -1), message: `missing key \`${String(at.at(-1))}\` (one of: ${quoteList(names)})` };
  const strings = names.filter((n): n is string => typeof n === 'string');
  const meant = typeof given === 'string' ? closestName(given, strings) : undefined;
  return { at, key: at, message: `expected one of ${quoteList(names)}, got ${JSON.stringify(given)}${meant ? ` (did you mean "${meant}"?)` : ''}` };
}

const sameParent = (keyPath: Path, parent: Path) =>
  keyPath.length === parent.length + 1 && parent.every((k, i) => keyPath[i] === k);
