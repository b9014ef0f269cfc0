// Which files a suite runs: every scenario file under the paths given,
// folders searched recursively, in one sorted order.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../model/errors';

export const DEFAULT_SUITE_PATH = 'scenarios';

/**
 * Inside a folder, a scenario file is a .yaml or .yml file with a top-level
 * `topology:` key (as `aplus check` tells them apart), so that pointing at a
 * folder that also holds topologies or profiles runs only scenarios. A file
 * named on the command line is always taken, and fails loudly if it is not a
 * scenario. Dot-folders and node_modules are not searched.
 */
export function findScenarioFiles(paths: readonly string[]): string[] {
  const found = new Map<string, string>(); // resolved path -> path as the user will see it
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new InputError(`${p}: no such file or folder`);
    }
    const files = isDir ? walk(p).filter(isScenarioFile) : [p];
    for (const f of files) if (!found.has(resolve(f))) found.set(resolve(f), f);
  }
  // Code-unit order, not the locale's: the same order on every machine.
  return [...found.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.name.startsWith('.') || d.name === 'node_modules') return [];
    const p = join(dir, d.name);
    if (d.isDirectory()) return walk(p);
    return d.isFile() && /\.ya?ml$/.test(d.name) ? [p] : [];
  });
}

export function isScenarioFile(file: string): boolean {
  try {
    return /^topology\s*:/m.test(readFileSync(file, 'utf8'));
  } catch {
    return true; // unreadable: let loading say why
  }
}
