import { kindsRuntime } from '../kinds/index';
import { helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';
import { InputError } from '../model/errors';
import type { AplusEvent } from '../report/events';

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
  const run = positionals[0];
  // What was removed says whether the run was there (a crashed run's leftovers count): its summary waits for that.
  let summary: AplusEvent | undefined;
  const removed = await (await kindsRuntime()).down(run, (e) => (e.kind === 'down-done' ? (summary = e) : ctx.emit(e)));
  if (run !== undefined && removed.containers + removed.networks === 0) throw new InputError(`no run ${run} (see aplus ls)`);
  if (summary) ctx.emit(summary);
  return 0;
}
