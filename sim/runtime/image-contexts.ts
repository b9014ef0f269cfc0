// Role image build contexts: each role's folder under images/, plus the
// programs it runs, bundled by esbuild from sim/ into single .mjs files that
// need only the image's Node (Debian trixie's, 20), and the tunio addon for the
// tunnel ends. Written under build/images/<role>/; their content is what the
// role image's tag hashes, so a code change rebuilds the image.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { EnvironmentError } from '../model/errors';
import type { Role } from '../plan/plan-types';

const ROOT = new URL('../../', import.meta.url).pathname;
export const CONTEXTS_DIR = join(ROOT, 'build', 'images');
/** The N-API addons a role needs, from the repo's build: tunnel I/O for the tunnel ends, probe sockets for clients. */
const ADDONS: Readonly<Record<Role, readonly string[]>> = { prr: ['tunio.node'], smap: ['tunio.node'], client: ['probeio.node'], server: [], router: [] };

/** What each role runs, by output name, from which source. */
const PROGRAMS: Readonly<Record<Role, Readonly<Record<string, string>>>> = {
  prr: { 'prr.mjs': 'sim/aplus/daemon/prr-daemon.ts' },
  smap: { 'smap.mjs': 'sim/aplus/daemon/smap-daemon.ts', 'inject.mjs': 'sim/aplus/tools/inject.ts', 'ports.mjs': 'sim/measure/conntrack/port-sampler-main.ts' },
  server: { 'http-echo.mjs': 'sim/traffic/http-echo.ts', 'internet.mjs': 'sim/traffic/internet/internet-main.ts' },
  client: { 'generator.mjs': 'sim/traffic/generator/generator-main.ts', 'probe.mjs': 'sim/probes/probe-main.ts' },
  router: {},
};

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
      target: 'node20',
      logLevel: 'error',
      legalComments: 'none',
    });
  }
  for (const addon of ADDONS[role]) {
    const path = join(ROOT, 'build', 'Release', addon);
    if (!existsSync(path)) throw new EnvironmentError(`${path} is missing`, { hint: 'build it with npm ci (or npm rebuild)' });
    copyFileSync(path, join(dir, addon));
  }
  return dir;
}
