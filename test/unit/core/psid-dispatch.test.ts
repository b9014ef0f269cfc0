// The PRR core with PSID bindings on a second shared address, beside the
// paper's ranges on the first: each packet to its owner, each spoof caught.
import test from 'ava';
import { buildIpv4, buildTcp, buildUdp, ipv4FromText, ipv6FromText, ipv6ToText } from '../../../sim/aplus/codec';
import { compileRangeTable, Counters, prrDownstream, prrUpstream, SEED_POLICY, smapConfig, smapUpstream } from '../../../sim/aplus/core';

const table = compileRangeTable({
  shared: '198.51.100.27',
  moreShared: ['198.51.100.28'],
  prr: '198.51.100.26',
  smaps: [
    { name: 'room1', ipv6: '2001:db8:7301:4666::1', first: 10000, last: 11000 },
    { name: 'p5', ipv6: '2001:db8:7301:4666::3', shared: '198.51.100.28', psid: { offset: 6, length: 6, id: 5 } },
    { name: 'p6', ipv6: '2001:db8:7301:4666::4', shared: '198.51.100.28', psid: { offset: 6, length: 6, id: 6 }, mtu: 1400 },
  ],
});
const A27 = ipv4FromText('198.51.100.27')!;
const A28 = ipv4FromText('198.51.100.28')!;
const SERVER = ipv4FromText('198.18.0.5')!;
const P5 = ipv6FromText('2001:db8:7301:4666::3')!;
const tcp = (src: Uint8Array, sp: number, dst: Uint8Array, dp: number): Uint8Array =>
  buildIpv4({ src, dst, protocol: 6, ttl: 64 }, buildTcp({ srcPort: sp, dstPort: dp }, new Uint8Array(0), { src, dst }));
const udp = (src: Uint8Array, sp: number, dst: Uint8Array, dp: number): Uint8Array =>
  buildIpv4({ src, dst, protocol: 17, ttl: 64 }, buildUdp({ srcPort: sp, dstPort: dp }, new Uint8Array(4), { src, dst }));
const said = (v: { kind: string; reason?: string; smap?: number }) => (v.kind === 'drop' ? `drop ${v.reason}` : v.kind === 'encap' ? `encap ${v.smap}` : v.kind);

test('downstream: a port of the second address goes to the PSID set that holds it, the same port of the first to its range', (t) => {
  const c = new Counters(3);
  // 10320 = 10 * 1024 + 5 * 16; 10336 = 10 * 1024 + 6 * 16.
  const cases: Array<[string, Uint8Array, string]> = [
    ['.28:10320, PSID 5', tcp(SERVER, 443, A28, 10320), 'encap 1'],
    ['.28:10335, the end of PSID 5 block', udp(SERVER, 53, A28, 10335), 'encap 1'],
    ['.28:10336, PSID 6', tcp(SERVER, 443, A28, 10336), 'encap 2'],
    ['.28:65535, PSID 63 (nobody)', tcp(SERVER, 443, A28, 65535), 'drop no-owner'],
    ['.28:80, A = 0 (nobody)', tcp(SERVER, 443, A28, 80), 'drop no-owner'],
    ['.27:10320, room1', tcp(SERVER, 443, A27, 10320), 'encap 0'],
    ['.29:10320, no shared address', tcp(SERVER, 443, ipv4FromText('198.51.100.29')!, 10320), 'drop not-shared'],
  ];
  for (const [what, pkt, want] of cases) t.is(said(prrDownstream(table, SEED_POLICY, c, pkt)), want, what);
  const v = prrDownstream(table, SEED_POLICY, c, tcp(SERVER, 443, A28, 64592));
  if (v.kind !== 'encap') return t.fail(v.kind);
  t.is(ipv6ToText(v.dst), '2001:db8:7301:4666::3', '64592 = 63 * 1024 + 5 * 16, the last block of PSID 5');
  const json = c.toJSON();
  t.deepEqual(json.smaps.map((s) => s.downstream.packets), [1, 3, 1]);
  t.like(json.drops, { 'no-owner': 2, 'not-shared': 1 });
});

test('upstream: a PSID SMAP passes from its own ports of its own address, and each spoof is dropped and counted under its SMAP', (t) => {
  const c = new Counters(3);
  const cases: Array<[string, Uint8Array, string]> = [
    ['from .28:10320 (its set)', tcp(A28, 10320, SERVER, 443), 'forward'],
    ['from .28:2128 (its set, block A = 2)', udp(A28, 2128, SERVER, 53), 'forward'],
    ['from .28:10336 (PSID 6, another SMAP)', tcp(A28, 10336, SERVER, 443), 'drop spoofed-port'],
    ['from .28:1000 (A = 0)', tcp(A28, 1000, SERVER, 443), 'drop spoofed-port'],
    ['from .27:10320 (the other address)', tcp(A27, 10320, SERVER, 443), 'drop spoofed-source'],
  ];
  for (const [what, pkt, want] of cases) t.is(said(prrUpstream(table, SEED_POLICY, c, P5, pkt)), want, what);
  t.deepEqual(prrUpstream(table, SEED_POLICY, new Counters(3), P5, tcp(A28, 10336, SERVER, 443)), {
    kind: 'drop', reason: 'spoofed-port', detail: 'p5 sent from port 10336, outside psid 5/6 offset 6', first: true,
  });
  t.deepEqual(c.toJSON().smaps[1], { upstream: { packets: 2, bytes: 40 + 32 }, downstream: { packets: 0, bytes: 0 }, drops: { 'spoofed-port': 2, 'spoofed-source': 1 } });
  t.deepEqual(c.toJSON().smaps[0]!.drops, {});
});

test('a SMAP with a PSID set counts what leaves it from outside its set, and still sends it', (t) => {
  const c = new Counters();
  const cfg = smapConfig({ shared: '198.51.100.28', prr: '2001:db8:7301:d002::711', psid: { offset: 6, length: 6, id: 5 } });
  for (const port of [10320, 10336, 1000]) t.is(smapUpstream(cfg, SEED_POLICY, c, tcp(A28, port, SERVER, 443)).kind, 'encap');
  t.is(c.outOfRange, 2);
  t.throws(() => smapConfig({ shared: '198.51.100.28', prr: '2001:db8:7301:d002::711', psid: { offset: 6, length: 6, id: 64 } }), { message: /bad PSID id/ });
});
