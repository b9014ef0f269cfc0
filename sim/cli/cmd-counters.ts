import { InputError } from '../model/errors';
import { kindsRuntime, COUNTED_ROLES, readNodeCounters, type NodeCountersJson } from '../kinds/index';
import type { NodeRef } from '../runtime/index';
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
  const runtime = await kindsRuntime();
  let runId: string;
  if (positionals[0]) {
    const found = await runtime.locate(positionals[0], values.run);
    if (typeof found === 'string') throw new InputError(found);
    runId = found.runId;
  } else {
    const runs = await runtime.list(values.run);
    if (runs.length === 0) throw new InputError(values.run ? `no run ${values.run}` : 'no run is up');
    if (runs.length > 1) throw new InputError(`${runs.length} runs are up (${runs.map((r) => r.runId).join(', ')}): say which with --run`);
    runId = runs[0]!.runId;
  }
  const run = await runtime.attach(runId);
  const targets: NodeRef[] = positionals[0]
    ? [run.nodes.get(positionals[0])!]
    : [...run.nodes.values()].filter((n) => (COUNTED_ROLES as readonly string[]).includes(n.role)).sort((a, b) => a.name.localeCompare(b.name));
  const all: Record<string, NodeCountersJson> = {};
  for (const t of targets) {
    const r = await readNodeCounters(t.role, (cmd) => run.exec(t.name, cmd));
    if (!r.ok) throw new InputError(`${t.name} has no counters: ${r.reason}`);
    all[t.name] = r.value;
  }
  ctx.out.write(values.json ? JSON.stringify(all, null, 2) + '\n' : renderCounters(all));
  return 0;
}
