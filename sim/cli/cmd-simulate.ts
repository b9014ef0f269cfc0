import { loadSimulation, runSimulation } from '../simulate/index';
import { writeSimulationPage } from '../report/html/index';
import { countOption, helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';
import { htmlFileProblem } from './html-option';
import { renderSimulation } from './render-simulation';

const spec = {
  usage: 'simulate SPEC [--json] [--html FILE] [--workers N]',
  summary:
    'Simulates a population of users playing a mix of profiles, each planned exactly as the traffic generator would plan it, ' +
    'and answers how many ports a user needs: the peak per protocol (a CDF), P(exhaustion) per port-set size, the smallest set and ' +
    'the largest sharing ratio per address for each target. No Docker (docs/simulator.md). Exit 0, or 2 for a bad spec or option.',
  options: { json: { type: 'boolean' }, html: { type: 'string' }, workers: { type: 'string' } },
  details: [
    '  --json         print the result as JSON (with the whole CDF of each peak)',
    '  --html FILE    also write a page with charts to FILE (.html, one self-contained file; its folder is made):',
    '                 the CDF of the peaks per protocol, P(exhaustion) against the set size, and the tables',
    '  --workers N    threads to count in (default: one per core)',
  ],
} as const satisfies CommandSpec;

export async function simulateCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(spec, argv);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (positionals.length !== 1) throw usageError(spec, 'expected one simulation spec file');
  const workers = countOption(spec, 'workers', values.workers);
  const htmlProblem = values.html === undefined ? undefined : htmlFileProblem(values.html);
  if (htmlProblem) throw usageError(spec, htmlProblem);
  const file = positionals[0]!;
  const result = await runSimulation(loadSimulation(file), workers === undefined ? {} : { workers });
  if (values.html) writeSimulationPage(result, file, values.html);
  ctx.out.write(values.json ? JSON.stringify(result, null, 2) + '\n' : renderSimulation(result, file));
  return 0;
}
