// Each failed flow names the likeliest cause from the counters on its path:
// the largest drop counter between its client and the server, by node and
// reason, or "no drop counted on the path".
import test from 'ava';
import type { DropReason } from '../../../sim/aplus/core/counters';
import {
  assertionSchema,
  attributeFailures,
  describeCauses,
  evaluateAssertion,
  type FailureCause,
  type FlowRecord,
  type NodeCounters,
  type PathEvidence,
  type RouterCounters,
} from '../../../sim/assert';
import { loadPlan, smapPaths } from '../../../sim/plan/index';

// mtu-rooms: room1 -> room1-gw -> renater -> prr; room2 -> sixxs -> prr.
const paths = smapPaths(loadPlan('topologies/mtu-rooms.yaml').plan);

type Drops = Partial<Record<DropReason, number>>;
const entry = (name: string, drops: Drops) => ({ name, ipv6: '2001:db8::1', ports: { first: 10000, last: 11000 }, upstream: { packets: 0, bytes: 0 }, downstream: { packets: 0, bytes: 0 }, drops });
const prr = (drops: Drops, perSmap: Record<string, Drops> = {}, kernel = { tunQueue: 0, rawSocket: 0 }): NodeCounters =>
  ({ drops, smaps: ['room1', 'room2'].map((n) => entry(n, perSmap[n] ?? {})), kernel });
const smap = (drops: Drops = {}, kernel = { tunQueue: 0, rawSocket: 0 }): NodeCounters => ({ drops, smaps: [], kernel });
const router = (tooBig: number, ptbDropped = 0): RouterCounters =>
  ({ role: 'router', at: '2026-01-02T03:04:05.000Z', forwarded: 1000, ptbSent: tooBig - ptbDropped, drops: { 'too-big': tooBig, 'ptb-dropped': ptbDropped } });
const quiet: PathEvidence = {
  counters: { prr: prr({}), room1: smap(), room2: smap() },
  routers: { renater: router(0), 'room1-gw': router(0), sixxs: router(0) },
  natFailures: { room1: 0, room2: 0 },
};
const failed = (smapName: string, reason: string): FlowRecord => ({ client: smapName === 'room1' ? 'b' : 'a', smap: smapName, profile: 'web-facebook', ok: false, reason });

const causeOf = (flow: FlowRecord, e: PathEvidence): FailureCause | undefined => attributeFailures([flow], paths, e)[0]!.cause;

const names = test.macro({
  exec(t, flow: FlowRecord, e: PathEvidence, text: string) {
    t.is(causeOf(flow, e)?.text, text);
  },
  title: (what = '') => `cause: ${what}`,
});

test('the PRR\'s too-big drops for the flow\'s SMAP, as in the issue\'s run', names, failed('room1', 'timeout'),
  { ...quiet, counters: { ...quiet.counters, prr: prr({ 'too-big': 21893, 'no-owner': 3 }, { room1: { 'too-big': 21893 } }) } },
  'PRR dropped 21,893 too-big for SMAP room1');
test('a router on the path dropped more than the PRR, too big for its next link', names, failed('room1', 'timeout'),
  { ...quiet, routers: { ...quiet.routers, 'room1-gw': router(40) }, counters: { ...quiet.counters, prr: prr({ 'too-big': 5 }, { room1: { 'too-big': 5 } }) } },
  'router room1-gw dropped 40 too big for its next link');
test('a black hole: too big for its next link, and their Packet Too Big dropped', names, failed('room1', 'timeout'),
  { ...quiet, routers: { ...quiet.routers, 'room1-gw': router(40, 40) } },
  'router room1-gw dropped 40 too big for its next link (and 40 of their Packet Too Big: a black hole)');
test('none, when only a router off the path dropped', names, failed('room1', 'timeout'),
  { ...quiet, routers: { ...quiet.routers, sixxs: router(500) } },
  'no drop counted on the path');
test('none, when only the PRR\'s count for another SMAP has drops', names, failed('room1', 'timeout'),
  { ...quiet, counters: { ...quiet.counters, prr: prr({ 'too-big': 9 }, { room2: { 'too-big': 9 } }) } },
  'no drop counted on the path');
test('the PRR\'s drops it cannot tell by SMAP (the kernel\'s fragments), larger than those it can', names, failed('room2', 'timeout'),
  { ...quiet, counters: { ...quiet.counters, prr: prr({ 'ipv6-fragment': 50, 'too-big': 7 }, { room2: { 'too-big': 7 } }) } },
  'PRR dropped 50 ipv6-fragment, not counted per SMAP');
test('the SMAP\'s NAT could not map connections (another SMAP\'s failures do not count)', names, failed('room1', 'timeout'),
  { ...quiet, natFailures: { room1: 12, room2: 900 } },
  'SMAP room1\'s NAT could not map 12 connections');
test('the SMAP\'s own drops', names, failed('room2', 'timeout'),
  { ...quiet, counters: { ...quiet.counters, room2: smap({ 'send-failed': 3 }) } },
  'SMAP room2 dropped 3 send-failed');
test('the SMAP\'s TUN queue, full because its daemon did not keep up', names, failed('room2', 'deadline'),
  { ...quiet, counters: { ...quiet.counters, room2: smap({}, { tunQueue: 26189, rawSocket: 4 }) } },
  'SMAP room2 dropped 26,189 in its TUN queue (its daemon did not keep up)');
test('the PRR\'s raw socket buffer', names, failed('room2', 'timeout'),
  { ...quiet, counters: { ...quiet.counters, prr: prr({}, {}, { tunQueue: 0, rawSocket: 77 }) } },
  'PRR dropped 77 in its raw socket\'s buffer');
test('of equal counts, the one nearest the client', names, failed('room1', 'timeout'),
  { ...quiet, routers: { ...quiet.routers, renater: router(8), 'room1-gw': router(8) }, counters: { ...quiet.counters, prr: prr({ 'too-big': 8 }, { room1: { 'too-big': 8 } }) } },
  'router room1-gw dropped 8 too big for its next link');
test('a DNS timeout passes over drops only large packets meet', names, failed('room1', 'dns-timeout'),
  { ...quiet, counters: { ...quiet.counters, prr: prr({ 'too-big': 21893 }, { room1: { 'too-big': 21893, 'send-failed': 2 } }) } },
  'PRR dropped 2 send-failed for SMAP room1');
test('none, for a flow whose SMAP the plan does not know', names, failed('room9', 'timeout'), quiet, 'no drop counted on the path');

const notALoss = test.macro({
  exec(t, reason: string, text: string) {
    const e = { ...quiet, counters: { ...quiet.counters, prr: prr({ 'too-big': 5 }, { room1: { 'too-big': 5 } }) } };
    t.deepEqual(causeOf(failed('room1', reason), e), { kind: 'not-a-loss', text });
  },
  title: (reason = '') => `a flow that failed ${reason} lost nothing on the path, and says so`,
});
test('refused', notALoss, 'refused', 'the server refused it');
test('ports-exhausted', notALoss, 'ports-exhausted', 'the client\'s kernel had no local port left');
test('dns-nxdomain', notALoss, 'dns-nxdomain', 'the DNS server answered that the name does not exist');

test('a cause says where its count is, and flows that went well get none', (t) => {
  const e = { ...quiet, counters: { ...quiet.counters, prr: prr({ 'too-big': 21893 }, { room1: { 'too-big': 21893 } }) } };
  const [ok, bad] = attributeFailures([{ client: 'b', smap: 'room1', profile: 'p', ok: true }, failed('room1', 'timeout')], paths, e);
  t.is(ok!.cause, undefined);
  t.deepEqual(bad!.cause, { kind: 'drop', node: 'prr', counter: 'smaps[room1].drops.too-big', count: 21893, text: 'PRR dropped 21,893 too-big for SMAP room1' });
});

test('the causes of a group: one said alone, several with their flows, the most first', (t) => {
  const withCause = (text: string, n: number): FlowRecord[] => Array.from({ length: n }, () => ({ ...failed('room1', 'timeout'), cause: { kind: 'no-drop', text } }));
  t.is(describeCauses(withCause('PRR dropped 21,893 too-big for SMAP room1', 3)), 'PRR dropped 21,893 too-big for SMAP room1');
  t.is(describeCauses([...withCause('b', 1), ...withCause('a', 5), ...withCause('c', 1), ...withCause('d', 2)]),
    'causes: a (5 flows), d (2 flows), b (1 flow), and 1 more');
  t.is(describeCauses([{ ...failed('room1', 'refused'), cause: { kind: 'not-a-loss', text: 'the server refused it' } }]), undefined);
  t.is(describeCauses([failed('room1', 'timeout')]), undefined);
});

test('the delivery verdict names the cause of its failures', (t) => {
  const e = { ...quiet, counters: { ...quiet.counters, prr: prr({ 'too-big': 21893 }, { room1: { 'too-big': 21893 } }) } };
  const flows = attributeFailures([
    ...Array.from({ length: 3774 }, (): FlowRecord => ({ client: 'b', smap: 'room1', profile: 'web-facebook', ok: true })),
    ...Array.from({ length: 1065 }, () => failed('room1', 'timeout')),
  ], paths, e);
  const v = evaluateAssertion(assertionSchema.parse({ check: 'delivery', atLeast: 0.99 }), { flows, ports: [], ...e });
  t.is(v.actual, '77.99% (3774 of 4839; failed: timeout 1065; PRR dropped 21,893 too-big for SMAP room1)');
});
