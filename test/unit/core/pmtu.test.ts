// Tunnel PMTU discovery as pure functions: Packet Too Big read, MTUs learned
// per peer, and the PRR's "fragmentation needed" answer.
import test from 'ava';
import { buildIcmpv6, buildIpv4, buildIpv6, buildTcp, ipv4FromText, ipv6FromText, parseIpv4 } from '../../../sim/aplus/codec';
import { compileRangeTable, Counters, prrDownstream, SEED_POLICY } from '../../../sim/aplus/core';
import { PMTUD_POLICY } from '../../../sim/aplus/core/policy';
import { fragmentationNeeded, LearnedMtus, parsePacketTooBig, tunnelMtuFor } from '../../../sim/aplus/core/pmtu';
import { TokenBucket } from '../../../sim/aplus/core/token-bucket';

const SMAP = ipv6FromText('2001:db8:7301:4666::1')!;
const PRR6 = ipv6FromText('2001:db8:7301:d002::711')!;
const ROUTER = ipv6FromText('2001:db8:7301:4666::fe')!;
const SHARED = ipv4FromText('198.51.100.27')!;
const PRR4 = ipv4FromText('198.51.100.26')!;
const SERVER = ipv4FromText('198.51.100.80')!;

const tcp = (len: number, df = true) => {
  const payload = new Uint8Array(len - 40);
  return buildIpv4({ src: SERVER, dst: SHARED, protocol: 6, dontFragment: df }, buildTcp({ srcPort: 80, dstPort: 10500 }, payload, { src: SERVER, dst: SHARED }));
};
/** A router's Packet Too Big about a tunnel packet from the SMAP to the PRR, as a raw ICMPv6 socket reads it. */
const ptb = (mtu: number, nextHeader = 4) => {
  const quoted = buildIpv6({ src: SMAP, dst: PRR6, nextHeader }, tcp(1460));
  return buildIcmpv6({ type: 2, code: 0, rest: mtu }, quoted.subarray(0, 1232), { src: ROUTER, dst: SMAP });
};

test('a Packet Too Big about a tunnel packet gives the MTU and the peer it was sent to', (t) => {
  const p = parsePacketTooBig(ptb(1460));
  t.is(p?.mtu, 1460);
  t.deepEqual([...p!.dst], [...PRR6]);
  t.is(tunnelMtuFor(1460), 1420);
  t.is(tunnelMtuFor(1280), 1240);
  // Nothing is narrower than IPv6's 1280 (RFC 8200 5): a forged smaller MTU does not take the tunnel below 1240.
  t.is(tunnelMtuFor(600), 1240);
});

test('ICMPv6 that is not a Packet Too Big about a tunnel packet is ignored', (t) => {
  t.is(parsePacketTooBig(ptb(1460, 17)), undefined, 'about a UDP packet');
  const echo = buildIcmpv6({ type: 128, code: 0, rest: 1 }, new Uint8Array(48), { src: ROUTER, dst: SMAP });
  t.is(parsePacketTooBig(echo), undefined);
  t.is(parsePacketTooBig(ptb(1460).subarray(0, 30)), undefined, 'truncated');
  t.is(parsePacketTooBig(new Uint8Array(0)), undefined);
});

test('learned MTUs only go down, per peer', (t) => {
  const m = new LearnedMtus([1460, 1400]);
  t.false(m.lower(0, 1500));
  t.true(m.lower(0, 1420));
  t.false(m.lower(0, 1420));
  t.is(m.of(0), 1420);
  t.is(m.of(1), 1400);
  t.false(m.lower(5, 1000), 'no such peer');
});

test('fragmentation needed quotes the header and 8 bytes, carries the MTU, and goes back to the sender', (t) => {
  const pkt = parseIpv4(tcp(1500));
  if (!pkt.ok) return t.fail();
  const reply = parseIpv4(fragmentationNeeded(PRR4, pkt.value, 1400));
  if (!reply.ok) return t.fail(reply.reason);
  t.deepEqual([...reply.value.header.src], [...PRR4]);
  t.deepEqual([...reply.value.header.dst], [...SERVER]);
  const icmp = reply.value.payload;
  t.deepEqual([icmp[0], icmp[1]], [3, 4]);
  t.is((icmp[6]! << 8) | icmp[7]!, 1400);
  t.deepEqual([...icmp.subarray(8)], [...pkt.value.bytes.subarray(0, 28)]);
});

const table = compileRangeTable({ shared: '198.51.100.27', smaps: [{ name: 'room1', ipv6: '2001:db8:7301:4666::1', first: 10000, last: 11000, mtu: 1460 }] });

test('the seed PRR drops a DF packet longer than the tunnel MTU without a word; with PMTU discovery it answers', (t) => {
  const seed = prrDownstream(table, SEED_POLICY, new Counters(1), tcp(1500));
  t.is(seed.kind, 'drop');
  const c = new Counters(1);
  const pmtu = { mtus: new LearnedMtus([1460]), from: PRR4, limit: new TokenBucket({ rate: 1000, burst: 50 }), now: () => 0 };
  pmtu.mtus.lower(0, tunnelMtuFor(1280));
  const v = prrDownstream(table, PMTUD_POLICY, c, tcp(1400), pmtu);
  if (v.kind !== 'reply') return t.fail(v.kind);
  t.is(v.dropped.reason, 'too-big');
  t.is(c.drops['too-big'], 1);
  const icmp = parseIpv4(v.packet);
  t.true(icmp.ok && ((icmp.value.payload[6]! << 8) | icmp.value.payload[7]!) === 1240);
  // Without DF, or small enough, it is carried.
  t.is(prrDownstream(table, PMTUD_POLICY, c, tcp(1400, false), pmtu).kind, 'encap');
  t.is(prrDownstream(table, PMTUD_POLICY, c, tcp(1240), pmtu).kind, 'encap');
});
