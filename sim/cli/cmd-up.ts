import { AbortedError } from '../model/errors';
import { loadPlan } from '../plan/index';
import { kindsRuntime, nodeStart } from '../kinds/index';
import { hostPrefixes } from '../runtime/index';
import { countOption, helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';
import { renderPlan } from './render-plan';
import { renderRuns } from './render-runs';

const spec = {
  usage: 'up FILE [--show] [--json] [--bare]',
  summary: 'Brings up the topology in FILE: networks, PRR, routers, SMAPs, clients and servers, wired and addressed. Prints the run id.',
  options: { show: { type: 'boolean' }, json: { type: 'boolean' }, bare: { type: 'boolean' }, concurrency: { type: 'string' } },
  details: [
    '  --show         also print each SMAP\'s range, the shared address and the MTUs (links, tunnels, DHCP), and the nodes and their addresses',
    '  --json         print the run as JSON',
    '  --bare         wire and address the nodes, but start none of their roles (no PRR, SMAP, DHCP or servers)',
    '  --concurrency  Docker calls at once (default 8)',
    '',
    'Ctrl-C (or SIGTERM) while it comes up removes everything it made and exits 130. Take it down with: aplus down RUN',
  ],
} as const satisfies CommandSpec;

export async function upCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(spec, argv);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (positionals.length !== 1) throw usageError(spec, 'expected one topology file');
  const concurrency = countOption(spec, 'concurrency', values.concurrency, 8);
  // Everything about the file is checked before Docker is touched: bad input creates nothing.
  const { plan } = loadPlan(positionals[0]!, { host: hostPrefixes() });
  const runtime = await kindsRuntime();
  const images = await runtime.requireImages();
  await runtime.reapOrphans(ctx.emit);
  // Kept: the run outlives this command, until aplus down.
  const run = await runtime.up(plan, { images, emit: ctx.emit, signal: ctx.signal, file: positionals[0]!, concurrency, kept: true, start: (n) => nodeStart(n, plan, { bare: values.bare === true }) });
  // Ctrl-C that came as the last node was wired still means "not up".
  if (ctx.signal.aborted) {
    await run.down();
    throw AbortedError.of(ctx.signal, 'up', run.runId);
  }
  if (values.json || values.show) {
    const runs = await runtime.list(run.runId);
    ctx.out.write(values.json ? JSON.stringify(runs[0]) + '\n' : renderPlan(plan) + renderRuns(runs));
  }
  if (!values.json) ctx.out.write(`${run.runId}\n`);
  if (values.show && !values.json) {
    ctx.err.write(`next: node bin/aplus.js exec NODE -- CMD (e.g. a client: curl), node bin/aplus.js counters, node bin/aplus.js down ${run.runId}\n`);
  }
  return 0;
}
