import { InputError } from '../model/errors';
import { COUNTED_ROLES, readNodeCounters, type NodeCountersJson } from '../kinds/index';
import { execIn, findNode, listRuns, requireDocker } from '../runtime/index';
import { helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';
import { renderCounters } from './render-counters';

const spec = {
  usage: 'counters [NODE] [--run RUN] [--json]',
  summary: 'Prints the counters of the PRR and SMAP daemons (packets, drops, the PRR\'s per SMAP) and of the routers (forwarded, too big, Packet Too Big sent and dropped): all of a run, or one node.',
  options: { run: { type: 'string' }, json: { type: 'boolean' } },
  details: ['  --run RUN      the run (default: the only one up)', '  --json         print the counters as JSON, by node (each says its role)'],
} as const satisfies CommandSpec;

export async function countersCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(spec, argv);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (positionals.length > 1) throw usageError(spec, 'expected at most one node');
  const d = await requireDocker();
  let targets: Array<{ name: string; role: string; containerId: string }>;
  if (positionals[0]) {
    const found = await findNode(d, positionals[0], values.run);
    if (typeof found === 'string') throw new InputError(found);
    targets = [{ name: positionals[0], role: found.role, containerId: found.containerId }];
  } else {
    const runs = await listRuns(d, values.run);
    if (runs.length === 0) throw new InputError(values.run ? `no run ${values.run}` : 'no run is up');
    if (runs.length > 1) throw new InputError(`${runs.length} runs are up (${runs.map((r) => r.runId).join(', ')}): say which with --run`);
    targets = runs[0]!.nodes.filter((n) => (COUNTED_ROLES as readonly string[]).includes(n.role));
  }
  const all: Record<string, NodeCountersJson> = {};
  for (const t of targets) {
    const r = await readNodeCounters(t.role, (cmd) => execIn(d, t.containerId, cmd));
    if (!r.ok) throw new InputError(`${t.name} has no counters: ${r.reason}`);
    all[t.name] = r.value;
  }
  ctx.out.write(values.json ? JSON.stringify(all, null, 2) + '\n' : renderCounters(all));
  return 0;
}
