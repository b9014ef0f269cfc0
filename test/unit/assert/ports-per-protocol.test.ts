// A port range is per protocol: 10 ports hold 10 TCP and 10 UDP mappings at
// once. `total` counts both (Table I), `busiest` the fuller protocol, which is
// what the range bounds; the docs' example on a full 10-port range holds.
import { readFileSync } from 'node:fs';
import test from 'ava';
import { parse } from 'yaml';
import { assertionSchema, evaluateAssertion, type AssertionInput, type Measured } from '../../../sim/assert';
import { samplePorts } from '../../../sim/measure/conntrack/port-sample';

// A SMAP sharing 198.51.100.27:10000-10009 with every port taken twice: by HTTP over TCP and by DNS over UDP.
const line = (l4: 'tcp' | 'udp', i: number) => l4 === 'tcp'
  ? `ipv4     2 tcp      6 431995 ESTABLISHED src=192.168.1.100 dst=198.51.100.80 sport=${40000 + i} dport=80 src=198.51.100.80 dst=198.51.100.27 sport=80 dport=${10000 + i} [ASSURED] mark=0 zone=0 use=2`
  : `ipv4     2 udp      17 27 src=192.168.1.100 dst=198.51.100.80 sport=${50000 + i} dport=53 src=198.51.100.80 dst=198.51.100.27 sport=53 dport=${10000 + i} mark=0 zone=0 use=2`;
const table = Array.from({ length: 10 }, (_, i) => `${line('tcp', i)}\n${line('udp', i)}`).join('\n') + '\n';
const sample = samplePorts(table, { shared: '198.51.100.27', range: { first: 10000, last: 10009 } }, 0, 0);
const measured: Measured = { flows: [], ports: [{ ...sample, at: 0, smap: 'room1', rangeSize: 10 }], counters: {} };
const verdict = (a: AssertionInput) => evaluateAssertion(assertionSchema.parse(a), measured);

test('a full 10-port range: 20 ports of the shared address in use, 10 of each protocol', (t) => {
  t.like(sample, { total: 20, busiest: 10, http: 10, dns: 10, outOfRange: 0 });
});

test('busiest at most 10 holds on a full 10-port range', (t) => {
  t.like(verdict({ check: 'ports', smap: 'room1', class: 'busiest', atMost: 10 }), {
    pass: true, expected: 'at most 10 ports of one protocol at once', actual: '10 at the most, over 1 sample',
  });
});

test('total at most 10 does not: it counts TCP and UDP together', (t) => {
  t.like(verdict({ check: 'ports', smap: 'room1', class: 'total', atMost: 10 }), { pass: false, expected: 'at most 10 ports at once', actual: '20 at the most, over 1 sample' });
});

test("the scenarios doc's example of a ports assertion holds on a full range of its size", (t) => {
  const doc = readFileSync('docs/scenarios.md', 'utf8');
  const block = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('assertions:'))!;
  const example = (parse(block) as { assertions: AssertionInput[] }).assertions.find((a) => a.check === 'ports')!;
  t.like(example, { smap: 'room1', class: 'busiest', atMost: 10 });
  t.true(verdict(example).pass);
});
