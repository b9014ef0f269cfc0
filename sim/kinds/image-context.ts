// Kind image build contexts: each kind's folder under images/, plus the
// programs it runs, bundled by esbuild from sim/ into
// single .mjs files that need only the image's Node (Debian trixie's, 20),
// and its addons. Written under build/images/<role>/; their content is what
// the image's tag hashes, so a code change rebuilds the image.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { EnvironmentError } from '../model/errors';
import type { Role } from '../plan/plan-types';
import { KINDS } from './kinds';

const ROOT = new URL('../../', import.meta.url).pathname;
export const CONTEXTS_DIR = join(ROOT, 'build', 'images');

export async function prepareContext(role: Role): Promise<string> {
  const dir = join(CONTEXTS_DIR, role);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const src = join(ROOT, 'images', role);
  for (const f of readdirSync(src)) copyFileSync(join(src, f), join(dir, f));
  const { programs, addons } = KINDS[role].image;
  for (const [out, entry] of Object.entries(programs)) {
    await build({
      entryPoints: [join(ROOT, entry)],
      outfile: join(dir, out),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      legalComments: 'none',
    });
  }
  for (const addon of addons) {
    const path = join(ROOT, 'build', 'Release', addon);
    if (!existsSync(path)) throw new EnvironmentError(`${path} is missing`, { hint: 'build it with npm ci (or npm rebuild)' });
    copyFileSync(path, join(dir, addon));
  }
  return dir;
}
