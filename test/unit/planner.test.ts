import test from 'ava';
import { formatPortSet, type PortRange } from '../../sim/aplus/core/port-set';
import { loadTopologyText } from '../../sim/model/load-topology';
import { plan } from '../../sim/plan/index';
import { loadPlan, loadScenario } from '../../sim/plan/index';
import { nodeSteps } from '../../sim/kinds/index';
import { small } from '../helpers/topologies';

const planOf = (text: string) => plan(loadTopologyText(text, 't.yaml').spec);

test('a group of 100 SMAPs expands into 100 disjoint port ranges, LANs and addresses', (t) => {
  const p = planOf(small({ smaps: '  - group: campus\n    count: 100\n    portsPerSmap: 600\n    firstPort: 4000\n    clientsPerSmap: 1' }));
  const smaps = p.nodes.filter((n) => n.role === 'smap');
  t.is(smaps.length, 100);
  t.is(p.nodes.filter((n) => n.role === 'client').length, 100);
  t.deepEqual(smaps.map((s) => s.name).slice(0, 2), ['campus-001', 'campus-002']);
  t.is(smaps[99]!.name, 'campus-100');
  const ranges = smaps.map((s) => s.smapRole!.ports as PortRange);
  t.deepEqual(ranges[0], { first: 4000, last: 4599 });
  t.deepEqual(ranges[99], { first: 63400, last: 63999 });
  for (let i = 1; i < ranges.length; i++) t.is(ranges[i]!.first, ranges[i - 1]!.last + 1);
  t.is(new Set(smaps.map((s) => s.smapRole!.lan)).size, 100);
  t.is(smaps[0]!.smapRole!.lan, '192.168.1.0/24');
  t.is(smaps[99]!.smapRole!.lan, '192.168.100.0/24');
  t.is(smaps[0]!.interfaces[0]!.ipv6, '2001:db8:1::1001');
  t.is(new Set(smaps.map((s) => s.interfaces[0]!.ipv6)).size, 100);
  const client = p.nodes.find((n) => n.name === 'campus-042-c1')!;
  t.deepEqual(client.interfaces, [{ network: 'lan-campus-042', ifname: 'lan', ipv4: '192.168.42.100' }]);
  t.deepEqual(client.routes, [{ family: 4, to: 'default', via: '192.168.42.1' }]);
  t.is(p.nodes.find((n) => n.role === 'prr')!.prrRole!.smaps.length, 100);
});

test('group LANs skip the LANs of SMAPs given one by one', (t) => {
  const p = planOf(small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    lan: 192.168.1.0/24\n  - group: g\n    count: 2\n    portsPerSmap: 10\n    firstPort: 20000' }));
  t.deepEqual(p.nodes.filter((n) => n.role === 'smap').map((n) => n.smapRole!.lan), ['192.168.1.0/24', '192.168.2.0/24', '192.168.3.0/24']);
});

test('seed-2010 plans the paper\'s Table III, renumbered', (t) => {
  const { plan: p } = loadPlan('topologies/seed-2010.yaml');
  const by = (name: string) => p.nodes.find((n) => n.name === name)!;
  t.deepEqual(by('prr').prrRole!.smaps.map((s) => [s.name, s.ipv6, s.shared, formatPortSet(s.ports)]), [
    ['room1', '2001:db8:7301:4666::1', '198.51.100.27', '10000-11000'],
    ['room2', '2001:db8:7301:4666::2', '198.51.100.27', '11001-12000'],
  ]);
  t.deepEqual(by('prr').prrRole!.shared, ['198.51.100.27']);
  t.deepEqual(['a', 'b', 'c', 'd'].map((c) => [by(c).smap, by(c).interfaces[0]!.ipv4]), [
    ['room2', '192.168.2.121'], ['room1', '192.168.1.142'], ['room1', '192.168.1.143'], ['room1', '192.168.1.144'],
  ]);
  t.deepEqual(by('room1').routes, [{ family: 6, to: 'default', via: '2001:db8:7301:4666::fe' }]);
  t.deepEqual(by('prr').routes, [{ family: 6, to: '2001:db8:7301:4666::/64', via: '2001:db8:7301:d002::1' }]);
  const core = p.networks.find((n) => n.key === 'core')!;
  t.is(core.family, 6);
  t.is(core.gateway, '2001:db8:7301:d002::fffe');
  t.is(p.networks.length, 5);
});

test("a SMAP's NAT knobs: off as in the paper, on where a scenario's with: says, and then the SMAP's setup routes the LAN's packets for the shared address into the tunnel and drops what conntrack calls invalid", (t) => {
  const knobs = (file: string) => loadScenario(file).plan.nodes.filter((n) => n.smapRole).map((n) => [n.name, n.smapRole!.hairpin, n.smapRole!.dropInvalid]);
  t.deepEqual(knobs('scenarios/after-project-hairpin.yaml'), [['room1', false, false], ['room2', false, false]]);
  t.deepEqual(knobs('scenarios/after-project-hairpin-fix.yaml'), [['room1', true, false], ['room2', true, false]]);
  t.deepEqual(knobs('scenarios/after-project-invalid-fix.yaml'), [['room1', false, true], ['room2', false, false]]);
  const fix = loadScenario('scenarios/after-project-hairpin-fix.yaml').plan;
  const runs = nodeSteps(fix.nodes.find((n) => n.name === 'room1')!, fix).flatMap((s) => ('run' in s ? [s.run.join(' ')] : []));
  t.true(runs.includes('ip rule add pref 10 iif lan to 198.51.100.27/32 lookup 100'));
  t.true(runs.includes('ip rule del pref 0'));
  const plain = loadScenario('scenarios/after-project-hairpin.yaml').plan;
  t.false(nodeSteps(plain.nodes.find((n) => n.name === 'room1')!, plain).some((s) => 'run' in s && s.run.includes('rule')));
});

test('PSID sets on a second shared address beside a range on the first: each SMAP has its address and set, the PRR every address', (t) => {
  const p = planOf(small({
    prr: '  ipv6: 2001:db8:1::1\n  ipv4: 198.51.100.1\n  shared: [198.51.100.2, 198.51.100.3]',
    smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    lan: 192.168.1.0/24\n'
      + '  - name: room2\n    ipv6: 2001:db8:1::12\n    shared: 198.51.100.3\n    psid: { length: 6, id: 5 }\n    lan: 192.168.2.0/24\n'
      + '  - group: cell\n    count: 3\n    shared: 198.51.100.3\n    psid: { offset: 6, length: 6, firstId: 6 }',
  }));
  const smaps = p.nodes.filter((n) => n.role === 'smap');
  t.deepEqual(smaps.map((s) => [s.name, s.smapRole!.shared, formatPortSet(s.smapRole!.ports)]), [
    ['room1', '198.51.100.2', '10000-10999'],
    ['room2', '198.51.100.3', 'psid 5/6 offset 6'],
    ['cell-1', '198.51.100.3', 'psid 6/6 offset 6'],
    ['cell-2', '198.51.100.3', 'psid 7/6 offset 6'],
    ['cell-3', '198.51.100.3', 'psid 8/6 offset 6'],
  ]);
  const prr = p.nodes.find((n) => n.role === 'prr')!.prrRole!;
  t.deepEqual(prr.shared, ['198.51.100.2', '198.51.100.3']);
  t.deepEqual(prr.smaps.map((s) => s.shared), ['198.51.100.2', '198.51.100.3', '198.51.100.3', '198.51.100.3', '198.51.100.3']);
});

test('one PSID of two shared addresses is two SMAPs\' ports, not a clash; two groups on one link number their addresses on', (t) => {
  const p = planOf(small({
    prr: '  ipv6: 2001:db8:1::1\n  ipv4: 198.51.100.1\n  shared: [198.51.100.2, 198.51.100.3]',
    smaps: '  - group: a\n    count: 64\n    psid: { length: 6 }\n  - group: b\n    count: 64\n    shared: 198.51.100.3\n    psid: { length: 6 }\n    lanPool: 10.1.0.0/16',
  }));
  const smaps = p.nodes.filter((n) => n.role === 'smap');
  t.is(smaps.length, 128);
  t.deepEqual([smaps[63], smaps[64]].map((s) => [s!.name, s!.interfaces[0]!.ipv6, formatPortSet(s!.smapRole!.ports)]), [
    ['a-64', '2001:db8:1::1040', 'psid 63/6 offset 6'],
    ['b-01', '2001:db8:1::1041', 'psid 0/6 offset 6'],
  ]);
});
