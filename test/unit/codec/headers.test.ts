import test from 'ava';
import {
  buildIcmpv4,
  buildIcmpv6,
  buildIpv4,
  buildIpv6,
  buildTcp,
  buildUdp,
  echoRest,
  ipv4FromText,
  ipv4Ports,
  ipv6FromText,
  isFragment,
  parseIcmpv4,
  parseIcmpv6,
  parseIpv4,
  parseIpv6,
  parseTcp,
  parseUdp,
  TCP_FLAGS,
  type Parsed,
} from '../../../sim/aplus/codec';

const A = ipv4FromText('198.51.100.27')!;
const B = ipv4FromText('198.18.0.5')!;
const A6 = ipv6FromText('2001:db8:7301:4666::1')!;
const B6 = ipv6FromText('2001:db8:7301:d002::711')!;

function value<T>(p: Parsed<T>): T {
  if (!p.ok) throw new Error(`${p.reason}: ${p.detail}`);
  return p.value;
}
function reason<T>(p: Parsed<T>): string {
  return p.ok ? 'ok' : p.reason;
}

test('an IPv4 packet with flags, offset and options builds and parses back', (t) => {
  const bytes = buildIpv4(
    { src: A, dst: B, protocol: 17, tos: 0x10, identification: 0x1234, moreFragments: true, fragmentOffset: 185, ttl: 7, options: Uint8Array.of(1, 1, 1, 0) },
    Uint8Array.of(9, 8, 7),
  );
  t.is(bytes.length, 27);
  t.is(bytes[0], 0x46);
  const p = value(parseIpv4(bytes));
  t.is(p.header.headerLength, 24);
  t.is(p.header.identification, 0x1234);
  t.true(p.header.moreFragments);
  t.false(p.header.dontFragment);
  t.is(p.header.fragmentOffset, 185);
  t.is(p.header.ttl, 7);
  t.is(p.header.tos, 0x10);
  t.true(isFragment(p.header));
  t.deepEqual([...p.payload], [9, 8, 7]);
});

test('link padding after the total length is not payload', (t) => {
  const bytes = buildIpv4({ src: A, dst: B, protocol: 17 }, Uint8Array.of(1, 2));
  const padded = new Uint8Array(60);
  padded.set(bytes);
  const p = value(parseIpv4(padded));
  t.is(p.bytes.length, 22);
  t.deepEqual([...p.payload], [1, 2]);
});

const ipv4Cases: [string, (b: Uint8Array) => Uint8Array, string][] = [
  ['19 bytes', (b) => b.subarray(0, 19), 'truncated'],
  ['version 6', (b) => { b[0] = 0x65; return b; }, 'bad-version'],
  ['IHL 4', (b) => { b[0] = 0x44; return b; }, 'bad-ihl'],
  ['IHL 15 in a short packet', (b) => { b[0] = 0x4f; return b.subarray(0, 40); }, 'truncated'],
  ['total length 10', (b) => { b[2] = 0; b[3] = 10; return b; }, 'bad-total-length'],
  ['total length past the end', (b) => b.subarray(0, b.length - 1), 'truncated'],
  ['a flipped header bit', (b) => { b[8]! ^= 1; return b; }, 'bad-checksum'],
];
for (const [name, mutate, expected] of ipv4Cases) {
  test(`an IPv4 packet with ${name} is refused as ${expected}`, (t) => {
    const b = buildIpv4({ src: A, dst: B, protocol: 6 }, new Uint8Array(40));
    t.is(reason(parseIpv4(mutate(b))), expected);
  });
}

test('an IPv6 packet builds and parses back, with a Fragment header seen', (t) => {
  const plain = value(parseIpv6(buildIpv6({ src: A6, dst: B6, nextHeader: 4, hopLimit: 64, trafficClass: 0xb8, flowLabel: 0x12345 }, Uint8Array.of(1, 2, 3))));
  t.is(plain.header.nextHeader, 4);
  t.is(plain.header.payloadLength, 3);
  t.is(plain.header.trafficClass, 0xb8);
  t.is(plain.header.flowLabel, 0x12345);
  t.is(plain.upperProtocol, 4);
  t.is(plain.fragment, undefined);
  t.deepEqual([...plain.header.src], [...A6]);
  const frag = value(parseIpv6(buildIpv6({ src: A6, dst: B6, nextHeader: 17, fragment: { offset: 0, moreFragments: true, identification: 77 } }, new Uint8Array(16))));
  t.is(frag.header.nextHeader, 44);
  t.is(frag.upperProtocol, 17);
  t.deepEqual(frag.fragment, { offset: 0, moreFragments: true, identification: 77 });
  t.is(frag.upperPayload.length, 16);
});

test('a hop-by-hop header is skipped on the way to the upper protocol', (t) => {
  const hbh = Uint8Array.of(58, 0, 1, 4, 0, 0, 0, 0, 9, 9); // next 58, len 0 (8 bytes), PadN
  const p = value(parseIpv6(buildIpv6({ src: A6, dst: B6, nextHeader: 0 }, hbh)));
  t.is(p.upperProtocol, 58);
  t.deepEqual([...p.upperPayload], [9, 9]);
});

test('broken IPv6 packets are refused with a reason', (t) => {
  const good = buildIpv6({ src: A6, dst: B6, nextHeader: 4 }, new Uint8Array(20));
  t.is(reason(parseIpv6(good.subarray(0, 39))), 'truncated');
  t.is(reason(parseIpv6(good.subarray(0, 50))), 'truncated');
  const v4 = Uint8Array.from(good);
  v4[0] = 0x45;
  t.is(reason(parseIpv6(v4)), 'bad-version');
  const ext = buildIpv6({ src: A6, dst: B6, nextHeader: 60 }, Uint8Array.of(6, 5, 0, 0));
  t.is(reason(parseIpv6(ext)), 'bad-extension');
});

test('a TCP segment builds and parses back with its checksum over IPv4 and IPv6', (t) => {
  for (const ph of [{ src: A, dst: B }, { src: A6, dst: B6 }]) {
    const seg = buildTcp({ srcPort: 10000, dstPort: 443, seq: 0xdeadbeef, ack: 7, flags: TCP_FLAGS.syn | TCP_FLAGS.ack, window: 1024, options: Uint8Array.of(2, 4, 5, 0xb4) }, Uint8Array.of(1, 2, 3), ph);
    const s = value(parseTcp(seg, ph));
    t.is(s.header.srcPort, 10000);
    t.is(s.header.dstPort, 443);
    t.is(s.header.seq, 0xdeadbeef);
    t.is(s.header.flags, 0x12);
    t.is(s.header.headerLength, 24);
    t.deepEqual([...s.header.options], [2, 4, 5, 0xb4]);
    t.deepEqual([...s.payload], [1, 2, 3]);
    seg[seg.length - 1]! ^= 0x80;
    t.is(reason(parseTcp(seg, ph)), 'bad-checksum');
  }
});

test('TCP with a data offset under 5 or past the end is refused', (t) => {
  const seg = buildTcp({ srcPort: 1, dstPort: 2 }, new Uint8Array(0), { src: A, dst: B });
  seg[12] = 0x40;
  t.is(reason(parseTcp(seg)), 'bad-data-offset');
  seg[12] = 0x60;
  t.is(reason(parseTcp(seg)), 'truncated');
});

test('UDP: zero checksum is "none" over IPv4 and an error over IPv6', (t) => {
  const d4 = buildUdp({ srcPort: 5353, dstPort: 53, noChecksum: true }, Uint8Array.of(1), { src: A, dst: B });
  t.is(d4[6]! | d4[7]!, 0);
  t.is(value(parseUdp(d4, { src: A, dst: B })).header.dstPort, 53);
  const d6 = buildUdp({ srcPort: 5353, dstPort: 53 }, Uint8Array.of(1), { src: A6, dst: B6 });
  t.true(parseUdp(d6, { src: A6, dst: B6 }).ok);
  d6[6] = 0;
  d6[7] = 0;
  t.is(reason(parseUdp(d6, { src: A6, dst: B6 })), 'bad-checksum');
  const short = buildUdp({ srcPort: 1, dstPort: 2 }, new Uint8Array(4), { src: A, dst: B });
  short[5] = 4;
  t.is(reason(parseUdp(short)), 'bad-length');
  short[5] = 40;
  t.is(reason(parseUdp(short)), 'truncated');
});

test('ICMPv4 and ICMPv6 echo build, verify, and fail after a flipped bit', (t) => {
  const m4 = buildIcmpv4({ type: 8, rest: echoRest(0x4242, 1) }, Uint8Array.of(0xaa, 0xbb));
  const e4 = value(parseIcmpv4(m4));
  t.is(e4.type, 8);
  t.is(e4.rest, 0x42420001);
  m4[9]! ^= 4;
  t.is(reason(parseIcmpv4(m4)), 'bad-checksum');
  const ph = { src: A6, dst: B6 };
  const m6 = buildIcmpv6({ type: 128, rest: echoRest(1, 2) }, Uint8Array.of(1, 2, 3), ph);
  t.is(value(parseIcmpv6(m6, ph)).type, 128);
  // The pseudo-header counts (RFC 4443 2.3): other addresses do not verify.
  t.is(reason(parseIcmpv6(m6, { src: A6, dst: A6 })), 'bad-checksum');
  t.is(reason(parseIcmpv4(m4.subarray(0, 7))), 'truncated');
});

test('ports come out of TCP and UDP in IPv4, not out of ICMP or later fragments', (t) => {
  const tcp = buildTcp({ srcPort: 10500, dstPort: 80 }, new Uint8Array(0), { src: A, dst: B });
  t.deepEqual(value(ipv4Ports(buildIpv4({ src: A, dst: B, protocol: 6 }, tcp))), { protocol: 6, srcPort: 10500, dstPort: 80, fragment: false });
  const udp = buildUdp({ srcPort: 11001, dstPort: 53 }, new Uint8Array(0), { src: A, dst: B });
  t.deepEqual(value(ipv4Ports(buildIpv4({ src: A, dst: B, protocol: 17, moreFragments: true }, udp))), { protocol: 17, srcPort: 11001, dstPort: 53, fragment: true });
  t.is(reason(ipv4Ports(buildIpv4({ src: A, dst: B, protocol: 1 }, buildIcmpv4({ type: 8 })))), 'no-ports');
  t.is(reason(ipv4Ports(buildIpv4({ src: A, dst: B, protocol: 17, fragmentOffset: 3 }, udp))), 'no-ports');
  t.is(reason(ipv4Ports(buildIpv4({ src: A, dst: B, protocol: 6 }, tcp.subarray(0, 19)))), 'truncated');
});
