import type { CountersJson } from '../aplus/core/counters';
import { COUNTERS_FILE } from '../aplus/daemon/counters-file';
import { InputError } from '../model/errors';
import { execIn, findNode, listRuns, requireDocker } from '../runtime/index';
import { helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';

const spec = {
  usage: 'counters [NODE] [--run RUN] [--json]',
  summary: 'Prints the packet and drop counters of the PRR and SMAP daemons (all of a run, or one node).',
  options: { run: { type: 'string' }, json: { type: 'boolean' } },
  details: ['  --run RUN      the run (default: the only one up)', '  --json         print the counters as JSON, by node'],
} as const satisfies CommandSpec;

export async function countersCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(spec, argv);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (positionals.length > 1) throw usageError(spec, 'expected at most one node');
  const d = await requireDocker();
  let targets: Array<{ name: string; containerId: string }>;
  if (positionals[0]) {
    const found = await findNode(d, positionals[0], values.run);
    if (typeof found === 'string') throw new InputError(found);
    targets = [{ name: positionals[0], containerId: found.containerId }];
  } else {
    const runs = await listRuns(d, values.run);
    if (runs.length === 0) throw new InputError(values.run ? `no run ${values.run}` : 'no run is up');
    if (runs.length > 1) throw new InputError(`${runs.length} runs are up (${runs.map((r) => r.runId).join(', ')}): say which with --run`);
    targets = runs[0]!.nodes.filter((n) => n.role === 'prr' || n.role === 'smap');
  }
  const all: Record<string, CountersJson> = {};
  for (const t of targets) {
    const r = await execIn(d, t.containerId, ['cat', COUNTERS_FILE]);
    if (r.exitCode !== 0) throw new InputError(`${t.name} has no counters (is it a PRR or SMAP, and is its daemon up?)`);
    all[t.name] = JSON.parse(r.stdout) as CountersJson;
  }
  ctx.out.write(values.json ? JSON.stringify(all, null, 2) + '\n' : renderCounters(all));
  return 0;
}

export function renderCounters(all: Readonly<Record<string, CountersJson>>): string {
  const rows = Object.entries(all).map(([name, c]) => {
    const drops = Object.entries(c.drops).filter(([, n]) => n > 0).map(([r, n]) => `${r}=${n}`).join(' ') || '-';
    return [name, `${c.upstream.packets}/${c.upstream.bytes}`, `${c.downstream.packets}/${c.downstream.bytes}`, drops];
  });
  const head = ['node', 'up pkts/bytes', 'down pkts/bytes', 'drops'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!))).join('  ')).join('\n') + '\n';
}
