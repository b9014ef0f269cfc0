import { readSourceFile } from '../model/load-topology';
import { loadPlan, loadScenario } from '../plan/index';
import { hostPrefixes } from '../runtime/index';
import { helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';

const spec = {
  usage: 'check FILE [--json]',
  summary: 'Validates a topology or scenario file and prints what it expands to, without touching Docker.',
  options: { json: { type: 'boolean' } },
  details: ['  --json         print the whole plan as JSON'],
} as const satisfies CommandSpec;

export async function checkCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(spec, argv);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (positionals.length !== 1) throw usageError(spec, 'expected one topology file');
  const file = positionals[0]!;
  // A scenario is a file with a topology in it.
  const scenario = /^topology\s*:/m.test(readSourceFile(file)) ? loadScenario(file, { host: hostPrefixes() }) : undefined;
  const plan = scenario?.plan ?? loadPlan(file, { host: hostPrefixes() }).plan;
  if (values.json) {
    ctx.out.write(JSON.stringify(plan, null, 2) + '\n');
    return 0;
  }
  const count = (role: string) => plan.nodes.filter((n) => n.role === role).length;
  if (scenario) {
    ctx.out.write(`${file}: ok, scenario ${scenario.name}: ${scenario.traffic.length} traffic entries, ${scenario.assertions.length} assertions, on topology ${plan.name}\n`);
  }
  ctx.out.write(
    `${scenario ? '  topology' : file}: ok, ${plan.name}: ${count('smap')} SMAPs, ${count('client')} clients, ${count('server')} servers, ` +
      `${count('router')} routers, ${plan.networks.length} networks\n`,
  );
  return 0;
}
