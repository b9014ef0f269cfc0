// The example in docs/topology.md is a real, valid topology: the docs stay true.
import { readFileSync } from 'node:fs';
import test from 'ava';
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
