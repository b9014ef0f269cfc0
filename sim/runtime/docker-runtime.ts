// The runtime on a Docker engine: nodes are containers started with no
// Docker network, wired by the run's fabric (fabric.ts), found again by
// their labels. The one implementation of runtime.ts's interface.
import { requireDocker } from './docker-client';
import { ensureImages, requireImages } from './images';
import { listRuns, locateNode } from './list-runs';
import { attachRun } from './run-handle';
import { reapOrphans } from './run-owner';
import type { ImageRecipes, Runtime } from './runtime';
import { up } from './topology-up';
import { downRun } from './topology-down';
import { silent } from '../report/events';

/** The Docker runtime, building its images from `recipes`; exit 3 when no engine answers. */
export async function dockerRuntime(recipes: ImageRecipes): Promise<Runtime> {
  const d = await requireDocker();
  return {
    ensureImages: (emit, opts) => ensureImages(d, recipes, emit, opts),
    requireImages: () => requireImages(d, recipes),
    up: async (plan, opts) => up(d, plan, { ...opts, images: opts.images ?? (await requireImages(d, recipes)) }),
    attach: (runId) => attachRun(d, runId, silent),
    list: (runId) => listRuns(d, runId),
    locate: (node, runId) => locateNode(d, node, runId),
    down: (runId, emit) => downRun(d, runId, emit),
    reapOrphans: (emit) => reapOrphans(d, emit),
  };
}
