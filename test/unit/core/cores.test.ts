import test from 'ava';
import { buildIpv4, buildTcp, ipv4FromText, ipv6FromText, ipv6ToText } from '../../../sim/aplus/codec';
import { compileRangeTable, Counters, prrDownstream, prrUpstream, SEED_POLICY, smapConfig, smapUpstream } from '../../../sim/aplus/core';

const table = compileRangeTable({
  shared: '198.51.100.27',
  smaps: [
    { name: 'room1', ipv6: '2001:db8:7301:4666::1', first: 10000, last: 11000, mtu: 1420 },
    { name: 'room2', ipv6: '2001:db8:7301:4666::2', first: 11001, last: 12000, mtu: 1240 },
  ],
});
const SHARED = ipv4FromText('198.51.100.27')!;
const SERVER = ipv4FromText('198.18.0.5')!;
const tcp = (src: Uint8Array, sp: number, dst: Uint8Array, dp: number): Uint8Array =>
  buildIpv4({ src, dst, protocol: 6 }, buildTcp({ srcPort: sp, dstPort: dp }, new Uint8Array(0), { src, dst }));

test('downstream encap names the SMAP and its IPv6 address, and hands back the same bytes', (t) => {
  const c = new Counters(2);
  const pkt = tcp(SERVER, 443, SHARED, 11500);
  const v = prrDownstream(table, SEED_POLICY, c, pkt);
  if (v.kind !== 'encap') return t.fail(v.kind);
  t.is(v.smap, 1);
  t.is(ipv6ToText(v.dst), '2001:db8:7301:4666::2');
  t.deepEqual([...v.inner], [...pkt]);
  t.deepEqual(c.toJSON().smaps[1]!.downstream, { packets: 1, bytes: 40 });
});

test('a drop says why, and is "first" only the first time', (t) => {
  const c = new Counters(2);
  const room2 = ipv6FromText('2001:db8:7301:4666::2')!;
  const a = prrUpstream(table, SEED_POLICY, c, room2, tcp(SHARED, 10500, SERVER, 443));
  const b = prrUpstream(table, SEED_POLICY, c, room2, tcp(SHARED, 10501, SERVER, 443));
  t.deepEqual(a, { kind: 'drop', reason: 'spoofed-port', detail: 'room2 sent from port 10500, outside 11001-12000', first: true });
  t.like(b, { kind: 'drop', reason: 'spoofed-port', first: false });
  t.deepEqual(c.toJSON().smaps[1]!.drops, { 'spoofed-port': 2 });
});

test('the SMAP sends out-of-range ports on but counts them', (t) => {
  const c = new Counters();
  const cfg = smapConfig({ shared: '198.51.100.27', prr: '2001:db8:7301:d002::711', first: 10000, last: 11000 });
  const v = smapUpstream(cfg, SEED_POLICY, c, tcp(SHARED, 20000, SERVER, 443));
  t.is(v.kind, 'encap');
  t.is(c.outOfRange, 1);
  t.deepEqual(c.upstream, { packets: 1, bytes: 40 });
});
