// Role image build contexts: each role's folder under images/, plus the
// programs it runs, bundled by esbuild from sim/ into single .mjs files that
// need only the image's Node (Debian's, 18), and the tunio addon for the
// tunnel ends. Written under build/images/<role>/; their content is what the
// role image's tag hashes, so a code change rebuilds the image.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { EnvironmentError } from '../model/errors';
import type { Role } from '../plan/plan-types';

const ROOT = new URL('../../', import.meta.url).pathname;
export const CONTEXTS_DIR = join(ROOT, 'build', 'images');
const TUNIO = join(ROOT, 'build', 'Release', 'tunio.node');

/** What each role runs, by output name, from which source. */
const PROGRAMS: Readonly<Record<Role, Readonly<Record<string, string>>>> = {
  prr: { 'prr.mjs': 'sim/aplus/daemon/prr-daemon.ts' },
  smap: { 'smap.mjs': 'sim/aplus/daemon/smap-daemon.ts', 'inject.mjs': 'sim/aplus/tools/inject.ts' },
  server: { 'http-echo.mjs': 'sim/traffic/http-echo.ts', 'internet.mjs': 'sim/traffic/internet/internet-main.ts' },
  client: { 'generator.mjs': 'sim/traffic/generator/generator-main.ts' },
  router: {},
};
const NEEDS_TUNIO: ReadonlySet<Role> = new Set(['prr', 'smap']);

export async function prepareContext(role: Role): Promise<string> {
  const dir = join(CONTEXTS_DIR, role);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const src = join(ROOT, 'images', role);
  for (const f of readdirSync(src)) copyFileSync(join(src, f), join(dir, f));
  for (const [out, entry] of Object.entries(PROGRAMS[role])) {
    await build({
      entryPoints: [join(ROOT, entry)],
      outfile: join(dir, out),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node18',
      logLevel: 'error',
      legalComments: 'none',
    });
  }
  if (NEEDS_TUNIO.has(role)) {
    if (!existsSync(TUNIO)) throw new EnvironmentError(`${TUNIO} is missing`, { hint: 'build it with npm ci (or npm rebuild)' });
    copyFileSync(TUNIO, join(dir, 'tunio.node'));
  }
  return dir;
}
