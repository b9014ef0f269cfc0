import test from 'ava';
import { buildIpv4, buildTcp, ipv4FromText, ipv6FromText, ipv6ToText } from '../../../sim/aplus/codec';
import { compileRangeTable, Counters, prrDownstream, prrUpstream, SEED_POLICY, smapConfig, smapDownstream, smapUpstream } from '../../../sim/aplus/core';

const table = compileRangeTable({
  shared: '198.51.100.27',
  prr: '198.51.100.26',
  smaps: [
    { name: 'room1', ipv6: '2001:db8:7301:4666::1', first: 10000, last: 11000, mtu: 1420 },
    { name: 'room2', ipv6: '2001:db8:7301:4666::2', first: 11001, last: 12000, mtu: 1240 },
  ],
});
const SHARED = ipv4FromText('198.51.100.27')!;
const SERVER = ipv4FromText('198.18.0.5')!;
const tcp = (src: Uint8Array, sp: number, dst: Uint8Array, dp: number, ttl = 64): Uint8Array =>
  buildIpv4({ src, dst, protocol: 6, ttl }, buildTcp({ srcPort: sp, dstPort: dp }, new Uint8Array(0), { src, dst }));

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

test('TTL: the PRR drops what its kernel would forward to TTL 0, and no end sends TTL 0 into a tunnel', (t) => {
  const room1 = ipv6FromText('2001:db8:7301:4666::1')!;
  const prr = ipv6FromText('2001:db8:7301:d002::711')!;
  const PRR4 = ipv4FromText('198.51.100.26')!;
  const cfg = smapConfig({ shared: '198.51.100.27', prr: '2001:db8:7301:d002::711', first: 10000, last: 11000 });
  const verdict = (v: { kind: string; reason?: string }) => (v.kind === 'drop' ? `drop ${v.reason}` : v.kind);
  const cases: Array<[string, () => { kind: string; reason?: string }, string]> = [
    ['PRR up, TTL 0', () => prrUpstream(table, SEED_POLICY, new Counters(2), room1, tcp(SHARED, 10001, SERVER, 443, 0)), 'drop ttl-exceeded'],
    ['PRR up, TTL 1', () => prrUpstream(table, SEED_POLICY, new Counters(2), room1, tcp(SHARED, 10001, SERVER, 443, 1)), 'drop ttl-exceeded'],
    ['PRR up, TTL 2', () => prrUpstream(table, SEED_POLICY, new Counters(2), room1, tcp(SHARED, 10001, SERVER, 443, 2)), 'forward'],
    ['PRR up, TTL 1 to the PRR itself (RFC 1812 5.3.1)', () => prrUpstream(table, SEED_POLICY, new Counters(2), room1, tcp(SHARED, 10001, PRR4, 53, 1)), 'forward'],
    ['PRR up, TTL 0 to the PRR itself', () => prrUpstream(table, SEED_POLICY, new Counters(2), room1, tcp(SHARED, 10001, PRR4, 53, 0)), 'forward'],
    ['PRR down, TTL 0', () => prrDownstream(table, SEED_POLICY, new Counters(2), tcp(SERVER, 443, SHARED, 10001, 0)), 'drop ttl-exceeded'],
    ['PRR down, TTL 1', () => prrDownstream(table, SEED_POLICY, new Counters(2), tcp(SERVER, 443, SHARED, 10001, 1)), 'encap'],
    ['SMAP up, TTL 0', () => smapUpstream(cfg, SEED_POLICY, new Counters(), tcp(SHARED, 10001, SERVER, 443, 0)), 'drop ttl-exceeded'],
    ['SMAP up, TTL 1: the PRR judges', () => smapUpstream(cfg, SEED_POLICY, new Counters(), tcp(SHARED, 10001, SERVER, 443, 1)), 'encap'],
    ['SMAP down, TTL 0', () => smapDownstream(cfg, SEED_POLICY, new Counters(), prr, tcp(SERVER, 443, SHARED, 10001, 0)), 'drop ttl-exceeded'],
    ['SMAP down, TTL 1', () => smapDownstream(cfg, SEED_POLICY, new Counters(), prr, tcp(SERVER, 443, SHARED, 10001, 1)), 'deliver'],
  ];
  for (const [what, run, want] of cases) t.is(verdict(run()), want, what);
});
