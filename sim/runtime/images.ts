// Images, built offline: a base from Debian packages (debootstrap + docker
// import), then one thin image per role on top, from the build context its
// recipe writes (the kinds': sim/kinds/image-context.ts). Tags are hashes of
// the inputs, so an image is rebuilt only when what it is made of changes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type Docker from 'dockerode';
import { $ } from 'zx';
import { EnvironmentError } from '../model/errors';
import type { Role } from '../plan/plan-types';
import type { EventSink } from '../report/events';
import { LABEL_ROLE } from './labels';
import type { ImageRecipes, ImageSet } from './runtime';

export const IMAGES_DIR = new URL('../../images/', import.meta.url).pathname;

function hashFiles(dir: string, extra: readonly string[] = []): string {
  const h = createHash('sha256');
  const walk = (d: string): string[] =>
    readdirSync(d).sort().flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  for (const f of walk(dir)) h.update(relative(dir, f)).update('\0').update(readFileSync(f)).update('\0');
  for (const e of extra) h.update(e).update('\0');
  return h.digest('hex').slice(0, 12);
}

/**
 * The tags the current inputs give (nothing is built), worked out once per process: each working-out rewrites the build
 * contexts (prepareContext empties and refills build/images/<role>), so two
 * at once (two scenarios starting together under --parallel) could hash a
 * half-written context and name an image that does not exist.
 */
export async function imageTags(recipes: ImageRecipes): Promise<ImageSet> {
  return (await workOut(recipes)).tags;
}

/** The tags, and the build contexts they hash (each role's folder, written by its recipe). */
interface WorkedOut {
  readonly tags: ImageSet;
  readonly contexts: ReadonlyMap<Role, string>;
}

const worked = new WeakMap<ImageRecipes, Promise<WorkedOut>>();
function workOut(recipes: ImageRecipes): Promise<WorkedOut> {
  let w = worked.get(recipes);
  if (!w) {
    w = computeTags(recipes);
    worked.set(recipes, w);
    // A failed working-out is not kept: the next call tries again.
    w.catch(() => worked.delete(recipes));
  }
  return w;
}

async function computeTags(recipes: ImageRecipes): Promise<WorkedOut> {
  const base = `aplus/base:${hashFiles(join(IMAGES_DIR, 'base'))}`;
  const contexts = new Map<Role, string>();
  const roles: Array<[Role, string]> = [];
  for (const r of recipes.roles) {
    const dir = await recipes.context(r);
    contexts.set(r, dir);
    roles.push([r, `aplus/${r}:${hashFiles(dir, [base])}`]);
  }
  return { tags: { base, ...Object.fromEntries(roles) } as ImageSet, contexts };
}

async function exists(d: Docker, tag: string): Promise<boolean> {
  try {
    await d.getImage(tag).inspect();
    return true;
  } catch {
    return false;
  }
}

/** Builds whatever is missing; returns the tags. */
export async function ensureImages(d: Docker, recipes: ImageRecipes, emit: EventSink, opts: { force?: boolean } = {}): Promise<ImageSet> {
  const { tags, contexts } = await workOut(recipes);
  if (opts.force || !(await exists(d, tags.base))) {
    emit({ kind: 'image-build', image: tags.base, step: 'debootstrap (about a minute)' });
    const started = Date.now();
    await runScript(join(IMAGES_DIR, 'base', 'build-base.sh'), [tags.base], (line) =>
      emit({ kind: 'image-build', image: tags.base, step: line }),
    );
    emit({ kind: 'image-built', image: tags.base, seconds: (Date.now() - started) / 1000 });
  } else emit({ kind: 'image-cached', image: tags.base });
  for (const role of recipes.roles) {
    const tag = tags[role];
    if (!opts.force && (await exists(d, tag))) {
      emit({ kind: 'image-cached', image: tag });
      continue;
    }
    const started = Date.now();
    emit({ kind: 'image-build', image: tag, step: 'docker build' });
    await buildRole(d, contexts.get(role)!, role, tag, tags.base);
    emit({ kind: 'image-built', image: tag, seconds: (Date.now() - started) / 1000 });
  }
  // Several checkouts on one machine (a comparison, a second worktree) each keep their own images.
  if (process.env.APLUS_KEEP_IMAGES !== '1') await removeStale(d, tags, emit);
  return tags;
}

/** Images of earlier inputs go, so that rebuilds do not fill the disk; one in use by a container stays. */
async function removeStale(d: Docker, current: ImageSet, emit: EventSink): Promise<void> {
  const keep = new Set<string>(Object.values(current));
  const images = await d.listImages({ filters: { reference: ['aplus/*'] } });
  const stale = images.flatMap((i) => (i.RepoTags ?? []).filter((t) => !keep.has(t)));
  // Roles first: they are built on the base.
  stale.sort((a, b) => Number(a.startsWith('aplus/base:')) - Number(b.startsWith('aplus/base:')));
  let removed = 0;
  for (const tag of stale) {
    await d.getImage(tag).remove().then(() => removed++, () => undefined);
  }
  if (removed > 0) emit({ kind: 'images-removed', count: removed });
}

/** Fails with exit code 3 when an image a run needs is not there. */
export async function requireImages(d: Docker, recipes: ImageRecipes): Promise<ImageSet> {
  const tags = await imageTags(recipes);
  for (const role of recipes.roles) {
    if (!(await exists(d, tags[role]))) {
      throw new EnvironmentError(`image ${tags[role]} is missing or out of date`, { hint: 'build the images: aplus images build' });
    }
  }
  return tags;
}

async function buildRole(d: Docker, dir: string, role: Role, tag: string, base: string): Promise<void> {
  const stream = await d.buildImage(
    { context: dir, src: readdirSync(dir) },
    { t: tag, buildargs: { BASE: base }, labels: { [LABEL_ROLE]: role }, rm: true, forcerm: true },
  );
  await new Promise<void>((resolve, reject) => {
    d.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
      const failed = err?.message ?? out.find((o) => o.error)?.error;
      if (failed) reject(new EnvironmentError(`building ${tag} failed: ${failed}`));
      else resolve();
    });
  });
}

async function runScript(script: string, args: readonly string[], onLine: (line: string) => void): Promise<void> {
  const p = $({ quiet: true, nothrow: true })`bash ${script} ${args} 2>&1`;
  const tail: string[] = [];
  for await (const line of p) {
    tail.push(line);
    if (tail.length > 20) tail.shift();
    onLine(line);
  }
  const { exitCode } = await p;
  if (exitCode !== 0) {
    throw new EnvironmentError(`${relative(process.cwd(), script)} failed (exit ${exitCode}): ${tail.slice(-5).join(' | ')}`, {
      hint: 'building the base image needs root, debootstrap and a reachable Debian mirror',
    });
  }
}
