// Link impairments: as written in a topology, as tc is told to make them,
// and what the kernel must offer for them.
import test from 'ava';
import { impairmentSchema, describeImpairment } from '../../sim/model/impairment';
import { missingFromConfig } from '../../sim/runtime/kernel-qdiscs';
import { qdiscCommands, qdiscModules } from '../../sim/runtime/link-qdiscs';
import { loadPlan, loadScenario } from '../../sim/plan/index';
import { tempFile } from '../helpers/cli';
import { seedWithImpairment as seedWith } from '../helpers/topologies';

test('a rate, a delay and a loss read as tc writes them, kept as numbers', (t) => {
  t.deepEqual(impairmentSchema.parse({ rate: '10mbit', delay: '20ms', loss: '1.5%' }), { rateKbit: 10000, delayMs: 20, lossPercent: 1.5 });
  t.deepEqual(impairmentSchema.parse({ rate: '512kbit' }), { rateKbit: 512 });
  t.deepEqual(impairmentSchema.parse({ delay: '1s' }), { delayMs: 1000 });
  t.is(describeImpairment(impairmentSchema.parse({ rate: '1gbit', loss: '0%' })), 'rate 1000000kbit, loss 0%');
  t.is(describeImpairment(impairmentSchema.parse({})), 'none');
});

const refused = test.macro({
  exec(t, input: Record<string, string>, message: RegExp) {
    const r = impairmentSchema.safeParse(input);
    t.false(r.success);
    t.regex(r.error?.issues[0]?.message ?? '', message);
  },
  title: (what = '') => `an impairment is refused: ${what}`,
});
test('a rate without unit', refused, { rate: '10' }, /expected a rate from 8kbit to 100gbit written like 10mbit, got "10"/);
test('a loss over 100%', refused, { loss: '120%' }, /expected a loss from 0% to 100%/);
test('a delay in minutes', refused, { delay: '2min' }, /expected a delay up to 60s written like 20ms/);
test('an unknown key', refused, { jitter: '5ms' } as Record<string, string>, /jitter/);

test('a rate alone is a token bucket; delay and loss are netem with the bucket under it', (t) => {
  t.deepEqual(qdiscCommands('n3.0', { rateKbit: 4000 }), [['qdisc', 'replace', 'dev', 'n3.0', 'root', 'handle', '1:', 'tbf', 'rate', '4000kbit', 'burst', '6056', 'latency', '100ms']]);
  t.deepEqual(qdiscCommands('n3.0', { rateKbit: 100000, delayMs: 20, lossPercent: 1 }), [
    ['qdisc', 'replace', 'dev', 'n3.0', 'root', 'handle', '1:', 'netem', 'delay', '20ms', 'loss', '1%'],
    ['qdisc', 'replace', 'dev', 'n3.0', 'parent', '1:', 'handle', '2:', 'tbf', 'rate', '100000kbit', 'burst', '125000', 'latency', '100ms'],
  ]);
  t.deepEqual(qdiscCommands('n3.0', undefined), [['qdisc', 'del', 'dev', 'n3.0', 'root']]);
  t.deepEqual(qdiscModules({ rateKbit: 1 }), ['sch_tbf']);
  t.deepEqual(qdiscModules({ lossPercent: 1, rateKbit: 1 }), ['sch_netem', 'sch_tbf']);
});

test('the kernel\'s configuration says which qdiscs it was built without', (t) => {
  const config = '# CONFIG_NET_SCH_NETEM is not set\nCONFIG_NET_SCH_TBF=y\nCONFIG_NET_SCH_HTB=m\n';
  t.deepEqual(missingFromConfig(config, ['sch_netem', 'sch_tbf', 'sch_htb']), ['sch_netem']);
});


test('a router\'s link carries its impairment into the plan; an empty one is none', (t) => {
  const { plan } = loadPlan(seedWith('{ rate: 4mbit }'));
  t.deepEqual(plan.networks.find((n) => n.key === 'link-lab-router')?.impair, { rateKbit: 4000 });
  t.is(loadPlan(seedWith('{}')).plan.networks.find((n) => n.key === 'link-lab-router')?.impair, undefined);
});

test('an impairment event names a network of the topology, as aplus check prints them', (t) => {
  const scenario = (network: string) => tempFile('impair-event.yaml', `name: impair-event
topology: ${process.cwd()}/topologies/seed-2010.yaml
events:
  - { at: 1, network: ${network}, impair: { rate: 1mbit } }
`);
  t.is(loadScenario(scenario('link-lab-router')).events.length, 1);
  t.throws(() => loadScenario(scenario('link-nowhere')), { message: /no network "link-nowhere" in topology seed-2010 \(networks: core, internet, link-lab-router/ });
});
