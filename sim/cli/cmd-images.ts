import { kindsRuntime } from '../kinds/index';
import { helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';

const spec = {
  usage: 'images build [--force] [--json]',
  summary: 'Builds the base image from Debian packages (debootstrap, no registry) and the role images on it. Only what changed is rebuilt.',
  options: { force: { type: 'boolean' }, json: { type: 'boolean' } },
  details: ['  --force        rebuild every image even when its inputs did not change', '  --json         print the tags as one JSON object (progress as JSON lines on stderr)'],
} as const satisfies CommandSpec;

export async function imagesCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(spec, argv);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (positionals[0] !== 'build' || positionals.length > 1) throw usageError(spec, 'expected "build"');
  const tags = await (await kindsRuntime()).ensureImages(ctx.emit, { force: values.force === true });
  ctx.out.write(ctx.json ? JSON.stringify(tags) + '\n' : Object.values(tags).join('\n') + '\n');
  return 0;
}
