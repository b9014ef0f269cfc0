// The MTU assertions: path MTU by echoes and by ICMP, transfers, ICMP sent.
import test from 'ava';
import { assertionSchema, evaluateAssertion, type AssertionInput, type Measured } from '../../../sim/assert';
import type { ProbeRecord } from '../../../sim/assert/measured-data';

const probe = (p: Partial<ProbeRecord> & Pick<ProbeRecord, 'name' | 'kind'>): ProbeRecord => ({ record: 'probe', client: 'b', smap: 'room1', started: 1, ended: 2, ok: true, ...p });
const run: Measured = {
  flows: [], ports: [], counters: {},
  probes: [
    probe({ name: 'pmtu-room1', kind: 'pmtu', pathMtu: 1420, icmpMtus: [1460] }),
    probe({ name: 'pmtu-silent', kind: 'pmtu', pathMtu: 1420, icmpMtus: [] }),
    probe({ name: 'pmtu-none', kind: 'pmtu', ok: false, reason: 'no echo at any size' }),
    probe({ name: 'upload', kind: 'tcp-bulk', ok: false, reason: 'stalled', direction: 'up', bytes: 65536, bytesWanted: 2000000, stalls: 1, longestStallMs: 9000 }),
    probe({ name: 'cod', kind: 'udp-df', ok: false, reason: 'no echo', sent: 30, received: 0, size: 1500 }),
  ],
  icmp: { 'room1-gw': { fragNeeded: 0, packetTooBig: 12 } },
};
const verdict = (a: AssertionInput) => evaluateAssertion(assertionSchema.parse(a), run);

test('path MTU by echoes and by what ICMP announced', (t) => {
  t.like(verdict({ check: 'path-mtu', probe: 'pmtu-room1', equals: 1420 }), { pass: true, actual: '1420 (echoes: 1420; ICMP announced: 1460)' });
  t.like(verdict({ check: 'path-mtu', probe: 'pmtu-room1', by: 'icmp', equals: 1460 }), { pass: true });
  t.like(verdict({ check: 'path-mtu', probe: 'pmtu-room1', by: 'icmp', equals: 1420 }), { pass: false, outcome: 'fail' });
  // Nothing announced, or nothing echoed, is no data: such a check never passes, even expected to fail.
  t.like(verdict({ check: 'path-mtu', probe: 'pmtu-silent', by: 'icmp', equals: 1420 }), { pass: false, outcome: 'no-data' });
  t.like(verdict({ check: 'path-mtu', probe: 'pmtu-none', atLeast: 1, expect: 'fail', because: 'x' }), { pass: false, outcome: 'no-data' });
});

test('a transfer completes or not, and says how far it got', (t) => {
  t.like(verdict({ check: 'transfer', probe: 'upload', completes: false }), { pass: true, actual: 'failed: stalled (65536 of 2000000 bytes up, 1 stalls, longest 9000 ms)' });
  t.like(verdict({ check: 'transfer', probe: 'upload', completes: true }), { pass: false });
  t.like(verdict({ check: 'transfer', probe: 'cod', completes: false }), { pass: true, actual: 'failed: no echo (0 of 30 datagrams echoed, size 1500)' });
});

test('ICMP a node sent, from its capture; no capture is no data', (t) => {
  t.like(verdict({ check: 'icmp', node: 'room1-gw', type: 'packet-too-big', atLeast: 1 }), { pass: true, actual: '12', title: 'icmp node=room1-gw type=packet-too-big' });
  t.like(verdict({ check: 'icmp', node: 'room1-gw', type: 'frag-needed', equals: 0 }), { pass: true });
  t.like(verdict({ check: 'icmp', node: 'room1', type: 'frag-needed', atLeast: 1 }), { outcome: 'no-data' });
});

test('ports summed over SMAPs round by round: what the shared address holds at once', (t) => {
  const s = (smap: string, round: number, total: number) => ({ at: round, round, smap, rangeSize: 600, outOfRange: 0, dns: 0, http: total, https: 0, other: 0, total });
  const m: Measured = { flows: [], counters: {}, ports: [s('a', 1, 30), s('b', 1, 40), s('a', 2, 50), s('b', 2, 10)] };
  const v = evaluateAssertion(assertionSchema.parse({ check: 'ports', sum: true, atMost: 65 }), m);
  t.like(v, { pass: false, actual: '70 at the most, over 2 rounds of samples' });
  t.like(evaluateAssertion(assertionSchema.parse({ check: 'ports', atMost: 65 }), m), { pass: true, actual: '50 at the most, over 4 samples' });
});

const withRouters: Measured = {
  ...run,
  counters: {
    prr: {
      drops: { 'too-big': 7 },
      smaps: [
        { name: 'room1', ipv6: '2001:db8:7301:4666::1', ports: { first: 10000, last: 11000 }, upstream: { packets: 1, bytes: 1 }, downstream: { packets: 1, bytes: 1 }, drops: { 'too-big': 7 } },
        { name: 'room2', ipv6: '2001:db8:7301:1280::1', ports: { first: 11001, last: 12000 }, upstream: { packets: 1, bytes: 1 }, downstream: { packets: 1, bytes: 1 }, drops: {} },
      ],
    },
  },
  routers: { 'room1-gw': { role: 'router', at: '2026-01-02T03:04:05.000Z', forwarded: 4900, ptbSent: 30, drops: { 'too-big': 40, 'ptb-dropped': 10 } } },
};
const routerVerdict = (a: AssertionInput) => evaluateAssertion(assertionSchema.parse(a), withRouters);

const routerCounter = test.macro({
  exec(t, a: AssertionInput, expected: { pass: boolean; actual: string; expected?: string; outcome?: string }) {
    t.like(routerVerdict(a), expected);
  },
  title: (what = '') => `router counters: ${what}`,
});
test('packets forwarded', routerCounter, { check: 'router', node: 'room1-gw', counter: 'forwarded', atLeast: 1 },
  { pass: true, actual: '4900', expected: 'at least 1 packets forwarded by room1-gw' });
test('too big for the next link', routerCounter, { check: 'router', node: 'room1-gw', counter: 'too-big', equals: 40 }, { pass: true, actual: '40' });
test('Packet Too Big sent', routerCounter, { check: 'router', node: 'room1-gw', counter: 'ptb-sent', atMost: 29 },
  { pass: false, actual: '30', expected: 'at most 29 Packet Too Big sent by room1-gw' });
test('Packet Too Big a black hole dropped', routerCounter, { check: 'router', node: 'room1-gw', counter: 'ptb-dropped', atLeast: 1 }, { pass: true, actual: '10' });
test('a router without counters has no data', routerCounter, { check: 'router', node: 'renater', counter: 'forwarded', atLeast: 1 },
  { pass: false, outcome: 'no-data', actual: 'no counters for router renater' });

test('the PRR\'s drops for one SMAP, by its name', (t) => {
  t.like(routerVerdict({ check: 'drops', node: 'prr', smap: 'room1', reason: 'too-big', atLeast: 1 }),
    { pass: true, actual: '7', expected: 'at least 1 too-big drops for SMAP room1', title: 'drops node=prr smap=room1 reason=too-big' });
  t.like(routerVerdict({ check: 'drops', node: 'prr', smap: 'room2', reason: 'total', equals: 0 }), { pass: true, actual: '0' });
  t.like(routerVerdict({ check: 'drops', node: 'prr', smap: 'room9', reason: 'total', equals: 0 }),
    { pass: false, outcome: 'no-data', actual: 'prr has no counters for SMAP room9' });
});

test('drops asked of a router point to check: router', (t) => {
  t.like(routerVerdict({ check: 'drops', node: 'room1-gw', reason: 'too-big', equals: 0 }),
    { outcome: 'no-data', actual: 'room1-gw is a router: check: router reads its counters' });
});
