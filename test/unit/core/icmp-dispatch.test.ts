// ICMP across the PRR with policy icmp: 'translate' (RFC 7596 section 8): an
// echo goes by its identifier, an error by the packet it quotes, both checked
// against the sending SMAP's ports upstream, as TCP and UDP are; the paper's
// policy still drops every one.
import test from 'ava';
import { buildIcmpv4, buildIpv4, buildUdp, echoRest, ipv4FromText, ipv6FromText } from '../../../sim/aplus/codec';
import { compileRangeTable, Counters, prrDownstream, prrUpstream, SEED_POLICY, type Policy } from '../../../sim/aplus/core';
import { icmpPort } from '../../../sim/aplus/core/icmp-dispatch';

const TRANSLATE: Policy = { ...SEED_POLICY, icmp: 'translate' };
const table = compileRangeTable({
  shared: '198.51.100.27',
  prr: '198.51.100.26',
  smaps: [
    { name: 'room1', ipv6: '2001:db8:7301:4666::1', first: 10000, last: 11000 },
    { name: 'room2', ipv6: '2001:db8:7301:4666::2', first: 11001, last: 12000 },
  ],
});
const SHARED = ipv4FromText('198.51.100.27')!;
const SERVER = ipv4FromText('198.51.100.80')!;
const ROUTER = ipv4FromText('198.51.100.26')!;
const ROOM2 = ipv6FromText('2001:db8:7301:4666::2')!;

const icmp = (src: Uint8Array, dst: Uint8Array, type: number, rest: number, body: Uint8Array = new Uint8Array(0), code = 0) =>
  buildIpv4({ src, dst, protocol: 1, ttl: 64 }, buildIcmpv4({ type, code, rest }, body));
const echo = (src: Uint8Array, dst: Uint8Array, type: 0 | 8, id: number) => icmp(src, dst, type, echoRest(id, 1), new Uint8Array(16));
const udp = (src: Uint8Array, sp: number, dst: Uint8Array, dp: number) =>
  buildIpv4({ src, dst, protocol: 17, ttl: 1 }, buildUdp({ srcPort: sp, dstPort: dp }, new Uint8Array(24), { src, dst }));
/** An error quoting `packet` as routers do: its header and 8 bytes after it (RFC 792). */
const error = (src: Uint8Array, dst: Uint8Array, type: number, code: number, packet: Uint8Array) => icmp(src, dst, type, 0, packet.subarray(0, 28), code);

test('downstream: an echo reply goes to the SMAP owning its identifier; the paper\'s policy drops it', (t) => {
  const v = prrDownstream(table, TRANSLATE, new Counters(2), echo(SERVER, SHARED, 0, 11500));
  t.like(v, { kind: 'encap', smap: 1 });
  t.like(prrDownstream(table, SEED_POLICY, new Counters(2), echo(SERVER, SHARED, 0, 11500)), { kind: 'drop', reason: 'icmp' });
  t.like(prrDownstream(table, TRANSLATE, new Counters(2), echo(SERVER, SHARED, 0, 500)), { kind: 'drop', reason: 'no-owner' });
});

test('downstream: a Time Exceeded or Port Unreachable goes to the SMAP that sent the packet it quotes (traceroute)', (t) => {
  const probe = udp(SHARED, 10400, SERVER, 33434);
  t.like(prrDownstream(table, TRANSLATE, new Counters(2), error(ROUTER, SHARED, 11, 0, probe)), { kind: 'encap', smap: 0 });
  t.like(prrDownstream(table, TRANSLATE, new Counters(2), error(SERVER, SHARED, 3, 3, probe)), { kind: 'encap', smap: 0 });
  // A quoted echo request goes by its identifier.
  t.like(prrDownstream(table, TRANSLATE, new Counters(2), error(ROUTER, SHARED, 11, 0, echo(SHARED, SERVER, 8, 11600))), { kind: 'encap', smap: 1 });
  // One quoting a packet the shared address did not send has no port of it.
  const other = udp(SERVER, 53, ipv4FromText('198.51.100.99')!, 10400);
  t.like(prrDownstream(table, TRANSLATE, new Counters(2), error(ROUTER, SHARED, 3, 3, other)), { kind: 'drop', reason: 'icmp' });
  // Nor do other types (a timestamp request), nor a cut quote.
  t.like(prrDownstream(table, TRANSLATE, new Counters(2), icmp(SERVER, SHARED, 13, 0, new Uint8Array(12))), { kind: 'drop', reason: 'icmp' });
  t.like(prrDownstream(table, TRANSLATE, new Counters(2), icmp(ROUTER, SHARED, 11, 0, probe.subarray(0, 20))), { kind: 'drop', reason: 'icmp' });
});

test('upstream: an echo request from a SMAP is checked as a port would be, by its identifier', (t) => {
  t.like(prrUpstream(table, TRANSLATE, new Counters(2), ROOM2, echo(SHARED, SERVER, 8, 11500)), { kind: 'forward' });
  t.like(prrUpstream(table, TRANSLATE, new Counters(2), ROOM2, echo(SHARED, SERVER, 8, 10500)), { kind: 'drop', reason: 'spoofed-port' });
  t.like(prrUpstream(table, SEED_POLICY, new Counters(2), ROOM2, echo(SHARED, SERVER, 8, 11500)), { kind: 'drop', reason: 'icmp' });
});

test('upstream: a client\'s error about a packet sent to it is checked by that packet\'s destination port', (t) => {
  const inbound = udp(SERVER, 53, SHARED, 11500);
  t.like(prrUpstream(table, TRANSLATE, new Counters(2), ROOM2, error(SHARED, SERVER, 3, 3, inbound)), { kind: 'forward' });
  t.like(prrUpstream(table, TRANSLATE, new Counters(2), ROOM2, error(SHARED, SERVER, 3, 3, udp(SERVER, 53, SHARED, 10500))), { kind: 'drop', reason: 'spoofed-port' });
});

test("TTL 1 upstream: dropped and counted under the paper's policy; left to the kernel, which answers Time Exceeded, when ICMP is translated", (t) => {
  const probe = udp(SHARED, 11500, SERVER, 33434);
  t.like(prrUpstream(table, SEED_POLICY, new Counters(2), ROOM2, probe), { kind: 'drop', reason: 'ttl-exceeded' });
  t.like(prrUpstream(table, TRANSLATE, new Counters(2), ROOM2, probe), { kind: 'forward' });
});

test('icmpPort reads the identifier and the quoted ports, and refuses what has none', (t) => {
  const m = (p: Uint8Array) => p.subarray(20);
  t.deepEqual(icmpPort(m(echo(SERVER, SHARED, 0, 4242)), SHARED, 'down'), { ok: true, value: { port: 4242, kind: 'echo' } });
  t.deepEqual(icmpPort(m(error(ROUTER, SHARED, 11, 0, udp(SHARED, 10400, SERVER, 33434))), SHARED, 'down'), { ok: true, value: { port: 10400, kind: 'error' } });
  t.false(icmpPort(new Uint8Array(4), SHARED, 'down').ok);
});
