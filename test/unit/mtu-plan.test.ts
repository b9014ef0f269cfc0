// The MTU topology (Table IV): routers hanging off routers, each link with its
// MTU, routes through the chain, and the knobs reaching the roles.
import test from 'ava';
import { loadPlan } from '../../sim/plan/index';
import { loadScenario } from '../../sim/plan/index';
import { eventCommands } from '../../sim/scenario/scenario-events';
import { probeArgs, probeDeadline } from '../../sim/scenario/probe-runs';
import { nodeSteps, ptbDocument } from '../../sim/kinds/index';
import { mssClampTable } from '../../sim/kinds/smap';
import { prrFragmentTable } from '../../sim/kinds/prr';
import type { Plan } from '../../sim/plan/plan-types';
import { loadTopologyText } from '../../sim/model/load-topology';
import { InputError } from '../../sim/model/errors';

const { plan } = loadPlan('topologies/mtu-rooms.yaml');
const node = (n: string) => plan.nodes.find((x) => x.name === n)!;

test('room 1 is two routers away from the PRR, across a 1460 link; room 2 on a 1280 link', (t) => {
  t.is(plan.networks.find((n) => n.key === 'link-renater')!.mtu, 1460);
  t.is(plan.networks.find((n) => n.key === 'link-room1-gw')!.mtu, 1500);
  t.is(plan.networks.find((n) => n.key === 'link-sixxs')!.mtu, 1280);
  t.deepEqual(node('room1-gw').interfaces.map((i) => [i.network, i.ifname]), [['link-renater', 'uplink'], ['link-room1-gw', 'link']]);
  t.deepEqual(node('room1-gw').routes, [{ family: 6, to: 'default', via: '2001:db8:7301:1460::fe' }]);
  t.deepEqual(node('renater').routes, [{ family: 6, to: '2001:db8:7301:4666::/64', via: '2001:db8:7301:1460::2' }]);
  t.deepEqual(node('prr').routes, [
    { family: 6, to: '2001:db8:7301:1460::/64', via: '2001:db8:7301:d002::1' },
    { family: 6, to: '2001:db8:7301:4666::/64', via: '2001:db8:7301:d002::1' },
    { family: 6, to: '2001:db8:7301:1280::/64', via: '2001:db8:7301:d002::2' },
  ]);
});

test('a router must hang off a router given before it', (t) => {
  const text = `core: { prefix: '2001:db8::/64' }
internet: { prefix: 198.51.100.0/24 }
prr: { ipv6: '2001:db8::1', ipv4: 198.51.100.1, shared: 198.51.100.2 }
routers:
  - { name: a, via: b, ipv6: '2001:db8:1::2', link: { prefix: '2001:db8:2::/64' } }
  - { name: b, ipv6: '2001:db8::2', link: { prefix: '2001:db8:1::/64' } }
smaps:
  - { name: s, ipv6: '2001:db8::5', ports: 2000-2999, lan: 192.168.1.0/24 }
`;
  const e = t.throws(() => loadPlan('t.yaml', { text }), { instanceOf: InputError });
  t.is(e?.message, 't.yaml:5 routers[0].via: router "b" must be given before a, which hangs off its link');
  t.truthy(loadTopologyText(text, 't.yaml'));
});

const stepsOf = (p: Plan, name: string) => nodeSteps(p.nodes.find((x) => x.name === name)!, p);
const daemonArgv = (p: Plan, name: string) => stepsOf(p, name).flatMap((st) => ('daemon' in st ? st.argv : []));
const nftOf = (p: Plan, name: string) => stepsOf(p, name).flatMap((st) => ('nft' in st ? [st.nft] : []));

test('the knobs reach the kinds\' steps: MSS clamping, PMTU discovery, fragments, black holes', (t) => {
  const s = loadScenario('scenarios/mtu-black-hole.yaml');
  t.deepEqual(daemonArgv(s.plan, 'room1').slice(-3), ['--pmtud', '--wan', 'wan']);
  t.false(daemonArgv(s.plan, 'room2').includes('--pmtud'));
  t.true(daemonArgv(s.plan, 'prr').includes('--pmtud'));
  const prr = s.plan.nodes.find((n) => n.name === 'prr')!.prrRole!;
  t.deepEqual(nftOf(s.plan, 'prr').at(-1), prrFragmentTable(prr.ipv6, 'drop'));
  t.true(JSON.stringify(prrFragmentTable(prr.ipv6, 'drop')).includes('{"exthdr":{"name":"frag","field":"nexthdr"}},"right":4}},{"counter":"fragments"},{"drop":null}'));
  // Every router counts the Packet Too Big it sends; only a black hole drops them.
  t.deepEqual(nftOf(s.plan, 'room1-gw').at(-1), ptbDocument('drop'));
  t.deepEqual(nftOf(s.plan, 'sixxs').at(-1), ptbDocument('send'));
  const mss = loadScenario('scenarios/mtu-fix-mss.yaml');
  t.deepEqual(nftOf(mss.plan, 'room1').at(-1), mssClampTable(1380));
  const clamp = mssClampTable(1380).nftables.at(-1)!;
  t.deepEqual('add' in clamp && 'rule' in clamp.add ? clamp.add.rule.expr : [], [
    { match: { op: '==', left: { meta: { key: 'iifname' } }, right: 'tnl0' } },
    { match: { op: 'in', left: { payload: { protocol: 'tcp', field: 'flags' } }, right: 'syn' } },
    { match: { op: '>', left: { 'tcp option': { name: 'maxseg', field: 'size' } }, right: 1380 } },
    { mangle: { key: { 'tcp option': { name: 'maxseg', field: 'size' } }, value: 1380 } },
  ]);
});

test('a link MTU event changes every interface on that link; a PTB event the router', (t) => {
  t.deepEqual(eventCommands({ at: 8, link: 'renater', mtu: 1280 }, plan), [
    { node: 'renater', cmd: ['ip', 'link', 'set', 'dev', 'link', 'mtu', '1280'] },
    { node: 'room1-gw', cmd: ['ip', 'link', 'set', 'dev', 'uplink', 'mtu', '1280'] },
  ]);
  t.deepEqual(eventCommands({ at: 8, router: 'sixxs', ptb: 'drop' }, plan).map((c) => c.node), ['sixxs']);
});

test('probe command lines and deadlines', (t) => {
  t.deepEqual(probeArgs({ kind: 'udp-df', name: 'cod', client: 'b', at: 3, size: 1500, count: 30, interval: 100, adapts: true }, 'room1', '198.51.100.80', '/o'),
    ['--kind', 'udp-df', '--name', 'cod', '--client', 'b', '--smap', 'room1', '--server', '198.51.100.80', '--out', '/o', '--port', '7', '--size', '1500', '--count', '30', '--interval', '100', '--adapts']);
  t.is(probeDeadline({ kind: 'tcp-bulk', name: 'x', client: 'b', at: 9, direction: 'up', bytes: 1, stallMs: 2000, timeout: 12 }), 31);
});
