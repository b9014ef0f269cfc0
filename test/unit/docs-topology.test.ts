// The example in docs/topology.md is a real, valid topology: the docs stay true.
import { readFileSync } from 'node:fs';
import test from 'ava';
import { formatPortSet, portSetBlocks } from '../../sim/aplus/core/port-set';
import { loadPlan } from '../../sim/plan/index';

test('the complete example in docs/topology.md validates and expands as documented', (t) => {
  const md = readFileSync('docs/topology.md', 'utf8');
  const yaml = /```yaml\n([\s\S]*?)```/.exec(md)![1]!;
  const { plan } = loadPlan('docs/topology.md', { text: yaml });
  const smaps = plan.nodes.filter((n) => n.role === 'smap');
  t.is(smaps.length, 101);
  t.is(smaps[1]!.name, 'campus-001');
  t.deepEqual(smaps[1]!.smapRole!.ports, { first: 12001, last: 12500 });
  t.is(smaps[1]!.smapRole!.lan, '10.0.1.0/24');
  t.is(plan.nodes.find((n) => n.name === 'c')!.interfaces[0]!.ipv4, '192.168.1.100');
});

test('the port-set example in docs/topology.md plans as documented: a range of the first address, PSID sets of the second', (t) => {
  const md = readFileSync('docs/topology.md', 'utf8');
  const yaml = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)][1]![1]!;
  const { plan } = loadPlan('docs/topology.md', { text: `core:\n  prefix: 2001:db8:7301:d002::/64\ninternet:\n  prefix: 198.51.100.0/24\n${yaml}` });
  const smaps = plan.nodes.filter((n) => n.role === 'smap');
  t.deepEqual(smaps.map((s) => `${s.name} ${s.smapRole!.shared} ${formatPortSet(s.smapRole!.ports)}`), [
    'room1 198.51.100.27 10000-11000',
    'room3 198.51.100.28 psid 5/6 offset 6',
    'cell-1 198.51.100.28 psid 6/6 offset 6',
    'cell-2 198.51.100.28 psid 7/6 offset 6',
    'cell-3 198.51.100.28 psid 8/6 offset 6',
    'cell-4 198.51.100.28 psid 9/6 offset 6',
  ]);
  const room3 = portSetBlocks(smaps[1]!.smapRole!.ports);
  t.deepEqual([room3[0], room3[1], room3.at(-1)], [{ first: 1104, last: 1119 }, { first: 2128, last: 2143 }, { first: 64592, last: 64607 }]);
});
