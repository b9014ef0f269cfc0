import { InputError } from '../model/errors';
import { kindsRuntime } from '../kinds/index';
import { helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';

const spec = {
  usage: 'exec [--run RUN] NODE -- CMD...',
  summary: "Runs CMD inside NODE's container and exits with its exit code.",
  options: { run: { type: 'string' } },
  details: ['  --run RUN      the run, when more than one run has a node of that name'],
} as const satisfies CommandSpec;

export async function execCommand(argv: string[], ctx: Context): Promise<number> {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const cmd = dash < 0 ? [] : argv.slice(dash + 1);
  const { values, positionals } = parse(spec, own);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (positionals.length !== 1 || cmd.length === 0) throw usageError(spec, 'expected a node, then -- and a command');
  const runtime = await kindsRuntime();
  const found = await runtime.locate(positionals[0]!, values.run);
  if (typeof found === 'string') throw new InputError(found);
  const run = await runtime.attach(found.runId);
  const r = await run.exec(positionals[0]!, cmd, { signal: ctx.signal });
  ctx.out.write(r.stdout);
  ctx.err.write(r.stderr);
  return r.exitCode;
}
