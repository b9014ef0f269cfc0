// Scenario files to suite entries: each is loaded on its own, so that a bad
// file is that scenario's error and not the whole suite's; then selection by tag.
import { readFileSync } from 'node:fs';
import { parse as parseYamlText } from 'yaml';
import { InputError } from '../model/errors';
import { loadScenario } from '../plan/load-scenario';
import type { HostPrefix } from '../plan/host-overlap';
import type { SuiteEntry } from './outcome';

export function loadEntries(files: readonly string[], opts: { host?: readonly HostPrefix[] } = {}): SuiteEntry[] {
  return files.map((file): SuiteEntry => {
    try {
      const scenario = loadScenario(file, opts.host ? { host: opts.host } : {});
      return { kind: 'scenario', file, scenario };
    } catch (e) {
      const tags = declaredTags(file);
      const where = e instanceof InputError ? { ...(e.location ? { location: e.location } : {}), ...(e.key ? { key: e.key } : {}) } : {};
      // Errors in the file name it already; one in a topology it refers to, or anything else, gets it here.
      const text = e instanceof Error ? e.message : String(e);
      const message = text.startsWith(file) ? text : `${file}: ${text}`;
      return { kind: 'bad', file, message, ...where, ...(tags ? { tags } : {}) };
    }
  });
}

/** The tags a file that did not load declares, if its YAML reads that far. */
function declaredTags(file: string): string[] | undefined {
  try {
    const doc: unknown = parseYamlText(readFileSync(file, 'utf8'));
    if (typeof doc !== 'object' || doc === null) return undefined;
    const tags = (doc as Record<string, unknown>).tags;
    if (tags === undefined) return [];
    return Array.isArray(tags) && tags.every((t) => typeof t === 'string') ? tags : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The entries carrying any of the tags (all of them when no tag is given).
 * A bad file whose tags cannot be read is kept: it might have been selected,
 * and a suite must not turn green by skipping a broken file.
 */
export function selectByTags(entries: readonly SuiteEntry[], tags: readonly string[]): SuiteEntry[] {
  if (tags.length === 0) return [...entries];
  return entries.filter((e) => {
    const declared = e.kind === 'scenario' ? e.scenario.tags : e.tags;
    return declared === undefined || declared.some((t) => tags.includes(t));
  });
}
