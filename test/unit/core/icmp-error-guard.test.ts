// RFC 1812 4.3.2.7 and 4.3.2.8 on the PRR's "fragmentation needed": no reply
// to a source that is no single host, about an ICMP error, or about a later
// fragment, and no more replies than the token bucket allows.
import test from 'ava';
import { buildIcmpv4, buildIpv4, buildTcp, ipv4FromText, parseIpv4 } from '../../../sim/aplus/codec';
import { compileRangeTable, Counters, prrDownstream } from '../../../sim/aplus/core';
import { icmpErrorWithheld, notAUniqueHost } from '../../../sim/aplus/core/icmp-error-guard';
import { PMTUD_POLICY } from '../../../sim/aplus/core/policy';
import { LearnedMtus } from '../../../sim/aplus/core/pmtu';
import { TokenBucket } from '../../../sim/aplus/core/token-bucket';

const SHARED = ipv4FromText('198.51.100.27')!;
const PRR4 = ipv4FromText('198.51.100.26')!;
const v4 = (text: string) => ipv4FromText(text)!;

const tcpFrom = (src: string, len = 1500) =>
  buildIpv4({ src: v4(src), dst: SHARED, protocol: 6, dontFragment: true }, buildTcp({ srcPort: 80, dstPort: 10500 }, new Uint8Array(len - 40), { src: v4(src), dst: SHARED }));
const parsed = (bytes: Uint8Array) => {
  const p = parseIpv4(bytes);
  if (!p.ok) throw new Error(p.detail);
  return p.value;
};

test('a source that names no single host is not answered', (t) => {
  for (const [src, why] of [
    ['255.255.255.255', 'the limited broadcast source'],
    ['224.0.0.5', 'a multicast source'],
    ['239.255.255.250', 'a multicast source'],
    ['240.0.0.1', 'a class E source'],
    ['0.0.0.0', 'a source in 0.0.0.0/8'],
    ['0.1.2.3', 'a source in 0.0.0.0/8'],
    ['127.0.0.1', 'a loopback source'],
  ] as const) {
    t.is(notAUniqueHost(v4(src)), why, src);
  }
  for (const src of ['198.51.100.80', '1.0.0.0', '126.255.255.255', '128.0.0.1', '223.255.255.255']) t.is(notAUniqueHost(v4(src)), undefined, src);
});

test('an ICMP error and a later fragment are not answered; an echo request and a first fragment may be', (t) => {
  const icmp = (type: number) => parsed(buildIpv4({ src: v4('198.51.100.80'), dst: SHARED, protocol: 1 }, buildIcmpv4({ type, code: 0, rest: 0 }, new Uint8Array(28))));
  for (const type of [3, 4, 5, 11, 12]) t.is(icmpErrorWithheld(icmp(type))?.reason, 'icmp-withheld-error', `type ${type}`);
  t.is(icmpErrorWithheld(icmp(8)), undefined, 'echo request');
  const fragment = (offset: number) => parsed(buildIpv4({ src: v4('198.51.100.80'), dst: SHARED, protocol: 17, fragmentOffset: offset, moreFragments: true }, new Uint8Array(16)));
  t.deepEqual(icmpErrorWithheld(fragment(185)), { reason: 'icmp-withheld-fragment', why: 'a fragment at offset 1480' });
  t.is(icmpErrorWithheld(fragment(0)), undefined, 'the first fragment');
});

const table = compileRangeTable({ shared: SHARED, smaps: [{ name: 'room1', ipv6: '2001:db8:7301:4666::1', first: 10000, last: 11000, mtu: 1400 }] });

function prr(rate: number, burst: number) {
  let clock = 0;
  const counters = new Counters(1);
  const pmtu = { mtus: new LearnedMtus([1400]), from: PRR4, limit: new TokenBucket({ rate, burst }), now: () => clock };
  return { counters, at: (ms: number) => (clock = ms), down: (pkt: Uint8Array) => prrDownstream(table, PMTUD_POLICY, counters, pkt, pmtu) };
}

test('the PRR drops a too-big packet from a multicast source, counts it too-big, and says why no reply went', (t) => {
  const p = prr(1000, 50);
  const v = p.down(tcpFrom('224.0.0.5'));
  if (v.kind !== 'drop') return t.fail(v.kind);
  t.is(v.reason, 'icmp-withheld-source');
  t.regex(v.detail, /no ICMP to 224\.0\.0\.5, a multicast source \(RFC 1812 4\.3\.2\.7\)/);
  t.like(p.counters.drops, { 'too-big': 1, 'icmp-withheld-source': 1 });
  t.like(p.counters.smaps[0]!.drops, { 'too-big': 1, 'icmp-withheld-source': 1 });
  t.is(p.counters.totalDrops(), 1, 'one packet dropped');
});

test('the PRR answers a burst, then one reply per token: the rest are counted as rate-limited', (t) => {
  const p = prr(1, 2);
  const kinds = () => p.down(tcpFrom('198.51.100.80')).kind;
  t.deepEqual([kinds(), kinds(), kinds()], ['reply', 'reply', 'drop']);
  p.at(999);
  t.is(kinds(), 'drop');
  p.at(1000);
  t.is(kinds(), 'reply');
  t.like(p.counters.drops, { 'too-big': 5, 'icmp-rate-limited': 2 });
  t.is(p.counters.totalDrops(), 5);
});

test('a withheld reply takes no token from the bucket', (t) => {
  const p = prr(1, 1);
  t.is(p.down(tcpFrom('255.255.255.255')).kind, 'drop');
  t.is(p.down(tcpFrom('198.51.100.80')).kind, 'reply');
});
