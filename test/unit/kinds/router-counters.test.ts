// A router's counters, read from its kernel: the nftables counters of its
// Packet Too Big table and its network namespace's /proc/net/snmp6.
import test from 'ava';
import { loadPlan } from '../../../sim/plan/index';
import { nodeSteps, ptbArgv, ptbDocument, readNodeCounters, routerCounter, type NodeExec } from '../../../sim/kinds/index';
import { parseRouterCounters, ROUTER_COUNTER_READS, ROUTER_COUNTERS } from '../../../sim/kinds/router-counters';

// As nft 1.1.3 (Debian trixie, the images' base) prints them.
const nftJson = (sent: number, dropped: number, forwarded = 4900) => JSON.stringify({
  nftables: [
    { metainfo: { version: '1.1.3', release_name: 'Commodore Bullmoose #4', json_schema_version: 1 } },
    { counter: { family: 'ip6', name: 'ptb_sent', table: 'aplus_ptb', handle: 1, packets: sent, bytes: sent * 1280 } },
    { counter: { family: 'ip6', name: 'ptb_dropped', table: 'aplus_ptb', handle: 2, packets: dropped, bytes: dropped * 1280 } },
    { counter: { family: 'ip6', name: 'forwarded', table: 'aplus_ptb', handle: 3, packets: forwarded, bytes: forwarded * 100 } },
  ],
});
// The kernel prints each "%-32s\t%lu".
const snmp6 = (rows: Record<string, number>) => Object.entries(rows).map(([k, v]) => `${k.padEnd(32)}\t${v}`).join('\n') + '\n';
const kernel = snmp6({ Ip6InReceives: 5000, Ip6InTooBigErrors: 40, Ip6OutForwDatagrams: 4940, Ip6FragFails: 40, Icmp6OutPktTooBigs: 40 });
const at = new Date('2026-01-02T03:04:05.000Z');

test('too big comes from snmp6; forwarded, Packet Too Big sent and dropped from nftables', (t) => {
  const r = parseRouterCounters(nftJson(30, 10), kernel, at);
  t.deepEqual(r, { ok: true, value: { role: 'router', at: '2026-01-02T03:04:05.000Z', forwarded: 4900, ptbSent: 30, drops: { 'too-big': 40, 'ptb-dropped': 10 } } });
  if (!r.ok) return;
  t.deepEqual(ROUTER_COUNTERS.map((n) => [n, routerCounter(r.value, n)]), [['forwarded', 4900], ['ptb-sent', 30], ['too-big', 40], ['ptb-dropped', 10]]);
});

const refused = test.macro({
  exec(t, nft: string, snmp: string, reason: string) {
    t.deepEqual(parseRouterCounters(nft, snmp, at), { ok: false, reason });
  },
  title: (what = '') => `a reading is refused, saying why, when ${what}`,
});
test('nft prints no JSON', refused, 'Error: No such file or directory', kernel, 'nft -j printed no JSON');
test('the table lacks the counters', refused, JSON.stringify({ nftables: [{ metainfo: {} }] }), kernel, 'no nftables counter ptb_sent, no nftables counter ptb_dropped, no nftables counter forwarded');
test('the kernel lacks the too-big counter', refused, nftJson(0, 0), snmp6({ Ip6InReceives: 1 }), 'no Ip6InTooBigErrors in /proc/net/snmp6');

const ptbRule = (...then: unknown[]) => ({
  add: { rule: { family: 'ip6', table: 'aplus_ptb', chain: 'out', expr: [{ match: { op: '==', left: { payload: { protocol: 'icmpv6', field: 'type' } }, right: 'packet-too-big' } }, ...then] } },
});
const flushOut = { flush: { chain: { family: 'ip6', table: 'aplus_ptb', name: 'out' } } };

test('a black hole counts its dropped Packet Too Big before the rule that counts those sent', (t) => {
  t.deepEqual(ptbDocument('drop').nftables, [flushOut, ptbRule({ counter: 'ptb_dropped' }, { drop: null }), ptbRule({ counter: 'ptb_sent' })]);
  t.deepEqual(ptbDocument('send').nftables, [flushOut, ptbRule({ counter: 'ptb_sent' })]);
  // A scenario's event switches it with one argv: nft reads the document from its command line.
  t.deepEqual(ptbArgv('send'), ['nft', '-j', JSON.stringify(ptbDocument('send'))]);
  const { plan } = loadPlan('topologies/mtu-rooms.yaml');
  const steps = nodeSteps(plan.nodes.find((n) => n.name === 'renater')!, plan).flatMap((s) => ('nft' in s ? [s.nft.nftables] : []));
  t.is(steps.length, 2);
  t.deepEqual(steps[0]!.filter((c) => 'add' in c && 'counter' in c.add).map((c) => ('add' in c && 'counter' in c.add ? c.add.counter.name : '')), ['ptb_sent', 'ptb_dropped', 'forwarded']);
  t.deepEqual(steps[0]!.at(-1), { add: { rule: { family: 'ip6', table: 'aplus_ptb', chain: 'forwarding', expr: [{ counter: 'forwarded' }] } } });
  t.deepEqual(steps[1], ptbDocument('send').nftables);
});

/** A node that answers each argv from a table; anything else fails as a missing command would. */
const fakeNode = (answers: Record<string, { exitCode?: number; stdout?: string; stderr?: string }>): NodeExec => async (argv) => {
  const a = answers[argv.join(' ')];
  return a ? { exitCode: a.exitCode ?? 0, stdout: a.stdout ?? '', stderr: a.stderr ?? '' } : { exitCode: 127, stdout: '', stderr: `${argv[0]}: not found` };
};

test('a router\'s counters are read with two commands, a daemon\'s from its file', async (t) => {
  const router = fakeNode({ [ROUTER_COUNTER_READS.nft.join(' ')]: { stdout: nftJson(1, 0) }, [ROUTER_COUNTER_READS.snmp6.join(' ')]: { stdout: kernel } });
  t.like(await readNodeCounters('router', router, () => at), { ok: true, value: { role: 'router', ptbSent: 1, forwarded: 4900 } });
  const prr = fakeNode({ 'cat /run/aplus/counters.json': { stdout: JSON.stringify({ role: 'prr', drops: { 'too-big': 3 }, smaps: [] }) } });
  t.like(await readNodeCounters('prr', prr), { ok: true, value: { role: 'prr', drops: { 'too-big': 3 } } });
});

const unreadable = test.macro({
  async exec(t, role: string, node: NodeExec, reason: string) {
    t.deepEqual(await readNodeCounters(role, node), { ok: false, reason });
  },
  title: (what = '') => `unreadable counters say why: ${what}`,
});
test('a router without its table (brought up bare)', unreadable, 'router',
  fakeNode({ 'cat /proc/net/snmp6': { stdout: kernel }, [ROUTER_COUNTER_READS.nft.join(' ')]: { exitCode: 1, stderr: 'Error: No such file or directory\nlist counters table ip6 aplus_ptb' } }),
  'nft: Error: No such file or directory (a router brought up --bare has no counters)');
test('a SMAP without its file', unreadable, 'smap', fakeNode({}), 'no /run/aplus/counters.json: cat: not found (is its daemon up?)');
test('a SMAP whose file is cut short', unreadable, 'smap', fakeNode({ 'cat /run/aplus/counters.json': { stdout: '{"role": "sm' } }), '/run/aplus/counters.json is not JSON');
test('a client', unreadable, 'client', fakeNode({}), 'a client has no counters (only prr, smap, router)');
