// Docker helpers for e2e tests: bring a topology up with the real runtime,
// and count what a run left behind.
import type Docker from 'dockerode';
import { loadPlan } from '../../sim/plan/index';
import { kindsRuntime, nodeStart } from '../../sim/kinds/index';
import type { RunningTopology } from '../../sim/runtime/index';
import { runFilter } from '../../sim/runtime/labels';
import type { AplusEvent } from '../../sim/report/events';

/** Brings file up with the real runtime; bare: wired only, no A+P roles (as aplus up --bare). */
export async function upFile(file: string, opts: { events?: AplusEvent[]; bare?: boolean } = {}): Promise<RunningTopology> {
  const { plan } = loadPlan(file);
  const emit = (e: AplusEvent) => opts.events?.push(e);
  return (await kindsRuntime()).up(plan, { emit, file, start: (n) => nodeStart(n, plan, { bare: opts.bare === true }) });
}

export async function leftovers(d: Docker, runId?: string): Promise<{ containers: number; networks: number }> {
  const filters = runFilter(runId);
  return {
    containers: (await d.listContainers({ all: true, filters })).length,
    networks: (await d.listNetworks({ filters })).length,
  };
}

/** Output of a command in a node; fails the test's promise when it exits non-zero. */
export async function sh(run: RunningTopology, node: string, script: string): Promise<string> {
  const r = await run.exec(node, ['sh', '-c', script]);
  if (r.exitCode !== 0) throw new Error(`${node}: ${script}: exit ${r.exitCode}: ${r.stderr}`);
  return r.stdout;
}
