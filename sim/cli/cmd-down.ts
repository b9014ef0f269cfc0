import { downRun, listRuns, requireDocker } from '../runtime/index';
import { helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';
import { InputError } from '../model/errors';

const spec = {
  usage: 'down RUN | --all',
  summary: 'Removes every container and network of a run, or of every run (also the leftovers of crashed ones).',
  options: { all: { type: 'boolean' } },
  details: ['  --all          every object labelled aplus.run, whatever its run'],
} as const satisfies CommandSpec;

export async function downCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(spec, argv);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (values.all ? positionals.length !== 0 : positionals.length !== 1) throw usageError(spec, 'expected one run id, or --all');
  const d = await requireDocker();
  const run = positionals[0];
  if (run !== undefined && (await listRuns(d, run)).length === 0 && (await d.listNetworks({ filters: { label: [`aplus.run=${run}`] } })).length === 0) {
    throw new InputError(`no run ${run} (see aplus ls)`);
  }
  await downRun(d, run, ctx.emit);
  return 0;
}
