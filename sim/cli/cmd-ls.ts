import { InputError } from '../model/errors';
import { kindsRuntime } from '../kinds/index';
import type { RunInfo } from '../runtime/index';
import { helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';
import { renderRuns } from './render-runs';

const spec = {
  usage: 'ls [RUN] [--json]',
  summary: 'Lists the runs that are up and their nodes, with state and addresses. A RUN that is not up is bad input (exit 2).',
  options: { json: { type: 'boolean' } },
  details: ['  --json         print JSON'],
} as const satisfies CommandSpec;

export interface LsDeps {
  /** The runs up, or the one named: the runtime's list, or a fake in tests. */
  readonly listRuns: (runId?: string) => Promise<RunInfo[]>;
}

export function makeLsCommand(deps: LsDeps) {
  return async function lsCommand(argv: string[], ctx: Context): Promise<number> {
    const { values, positionals } = parse(spec, argv);
    if (values.help) return ctx.out.write(helpText(spec)), 0;
    if (positionals.length > 1) throw usageError(spec, 'expected at most one run id');
    const run = positionals[0];
    const runs = await deps.listRuns(run);
    // No runs at all is an answer; no run of the id asked for is a mistaken id.
    if (run !== undefined && runs.length === 0) throw new InputError(`no run ${run} (see aplus ls)`);
    ctx.out.write(values.json ? JSON.stringify(runs, null, 2) + '\n' : renderRuns(runs));
    return 0;
  };
}

export const lsCommand = makeLsCommand({ listRuns: async (runId) => (await kindsRuntime()).list(runId) });
