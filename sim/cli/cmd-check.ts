import { fileKind } from '../model/file-kind';
import { readSourceFile } from '../model/load-topology';
import { parseYaml } from '../model/yaml-source';
import { formatMtuBugWarning, loadPlan, loadScenario, mtuBugWarnings } from '../plan/index';
import { plural } from '../report/plural';
import { hostPrefixes } from '../runtime/index';
import { helpText, parse, usageError, type CommandSpec } from './args';
import type { Context } from './context';
import { planCounts, renderPlan } from './render-plan';

const spec = {
  usage: 'check FILE [--json]',
  summary:
    'Validates a topology or scenario file and prints what it expands to (each SMAP\'s range, the shared address, the MTUs of links, tunnels and DHCP), ' +
    'without touching Docker. Warns (exit 0) when a tunnel is narrower than its LAN and nothing tells the clients (the paper\'s MTU bug).',
  options: { json: { type: 'boolean' } },
  details: ['  --json         print the whole plan as JSON'],
} as const satisfies CommandSpec;

export async function checkCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(spec, argv);
  if (values.help) return ctx.out.write(helpText(spec)), 0;
  if (positionals.length !== 1) throw usageError(spec, 'expected one topology or scenario file');
  const file = positionals[0]!;
  const text = readSourceFile(file);
  const scenario = fileKind(parseYaml(text, file).value) === 'scenario' ? loadScenario(file, { text, host: hostPrefixes() }) : undefined;
  const plan = scenario?.plan ?? loadPlan(file, { text, host: hostPrefixes() }).plan;
  for (const w of mtuBugWarnings(plan)) ctx.err.write(`aplus: warning: ${formatMtuBugWarning(w)}\n`);
  if (values.json) {
    ctx.out.write(JSON.stringify(plan, null, 2) + '\n');
    return 0;
  }
  if (scenario) {
    const what = [plural(scenario.traffic.length, 'traffic entry', 'traffic entries'), plural(scenario.probes.length, 'probe'), plural(scenario.assertions.length, 'assertion')];
    ctx.out.write(`${file}: ok, scenario ${scenario.name}: ${what.join(', ')}, on topology ${plan.name}\n`);
  }
  ctx.out.write(`${scenario ? '  topology' : file}: ok, ${plan.name}: ${planCounts(plan)}\n`);
  ctx.out.write(renderPlan(plan));
  return 0;
}
