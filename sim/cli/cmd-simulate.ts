import { loadSimulation, runSimulation } from '../simulate/index';
import { countOption, helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';
import { renderSimulation } from './render-simulation';

const spec = {
  usage: 'simulate SPEC [--json] [--workers N]',
  summary:
    'Simulates a population of users playing a mix of profiles, each planned exactly as the traffic generator would plan it, ' +
    'and answers how many ports a user needs: the peak per protocol (a CDF), P(exhaustion) per port-set size, the smallest set and ' +
    'the largest sharing ratio per address for each target. No Docker (docs/simulator.md).',
  options: { json: { type: 'boolean' }, workers: { type: 'string' } },
  details: [
    '  --json         print the result as JSON (with the whole CDF of each peak)',
    '  --workers N    threads to count in (default: one per core)',
  ],
} as const satisfies CommandSpec;

export async function simulateCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(spec, argv);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (positionals.length !== 1) throw usageError(spec, 'expected one simulation spec file');
  const workers = countOption(spec, 'workers', values.workers);
  const file = positionals[0]!;
  const result = await runSimulation(loadSimulation(file), workers === undefined ? {} : { workers });
  ctx.out.write(values.json ? JSON.stringify(result, null, 2) + '\n' : renderSimulation(result, file));
  return 0;
}
