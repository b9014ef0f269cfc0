import { listRuns, requireDocker } from '../runtime/index';
import { helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';
import { renderRuns } from './render-runs';

const spec = {
  usage: 'ls [RUN] [--json]',
  summary: 'Lists the runs that are up and their nodes, with state and addresses.',
  options: { json: { type: 'boolean' } },
  details: ['  --json         print JSON'],
} as const satisfies CommandSpec;

export async function lsCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(spec, argv);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (positionals.length > 1) throw usageError(spec, 'expected at most one run id');
  const runs = await listRuns(await requireDocker(), positionals[0]);
  ctx.out.write(values.json ? JSON.stringify(runs, null, 2) + '\n' : renderRuns(runs));
  return 0;
}
