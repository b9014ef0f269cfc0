// Property tests: builders and parsers agree, and no byte string makes a
// parser throw (packet bytes come from the network).
import test from 'ava';
import fc from 'fast-check';
import {
  buildIcmpv4,
  buildIpv4,
  buildIpv6,
  buildTcp,
  buildUdp,
  ipv4Ports,
  ipv6FromText,
  ipv6ToText,
  parseIcmpv4,
  parseIcmpv6,
  parseIpv4,
  parseIpv6,
  parseTcp,
  parseUdp,
  type Parsed,
} from '../../../sim/aplus/codec';

const v4 = fc.uint8Array({ minLength: 4, maxLength: 4 });
const v6 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const port = fc.integer({ min: 0, max: 65535 });
const payload = fc.uint8Array({ maxLength: 300 });
const u16 = fc.integer({ min: 0, max: 0xffff });

const ipv4Spec = fc.record({
  src: v4,
  dst: v4,
  protocol: fc.integer({ min: 0, max: 255 }),
  tos: fc.integer({ min: 0, max: 255 }),
  identification: u16,
  dontFragment: fc.boolean(),
  moreFragments: fc.boolean(),
  fragmentOffset: fc.integer({ min: 0, max: 0x1fff }),
  ttl: fc.integer({ min: 0, max: 255 }),
  options: fc.integer({ min: 0, max: 10 }).chain((n) => fc.uint8Array({ minLength: 4 * n, maxLength: 4 * n })),
});

const okOrReason = <T>(p: Parsed<T>): boolean => p.ok || (typeof p.reason === 'string' && p.detail.length > 0);

test('IPv4: every built header parses back to the same fields', (t) => {
  fc.assert(
    fc.property(ipv4Spec, payload, (spec, body) => {
      const p = parseIpv4(buildIpv4(spec, body));
      if (!p.ok) return false;
      const h = p.value.header;
      return (
        h.protocol === spec.protocol && h.tos === spec.tos && h.identification === spec.identification &&
        h.dontFragment === spec.dontFragment && h.moreFragments === spec.moreFragments &&
        h.fragmentOffset === spec.fragmentOffset && h.ttl === spec.ttl &&
        Buffer.from(h.src).equals(Buffer.from(spec.src)) && Buffer.from(h.dst).equals(Buffer.from(spec.dst)) &&
        Buffer.from(h.options).equals(Buffer.from(spec.options)) && Buffer.from(p.value.payload).equals(Buffer.from(body))
      );
    }),
  );
  t.pass();
});

test('TCP and UDP round trip over IPv4 and IPv6 with verified checksums', (t) => {
  fc.assert(
    fc.property(fc.boolean(), v4, v4, v6, v6, port, port, fc.integer({ min: 0, max: 0xffffffff }), payload, (six, a, b, a6, b6, sp, dp, seq, body) => {
      const ph = six ? { src: a6, dst: b6 } : { src: a, dst: b };
      const tcp = parseTcp(buildTcp({ srcPort: sp, dstPort: dp, seq }, body, ph), ph);
      const udp = parseUdp(buildUdp({ srcPort: sp, dstPort: dp }, body, ph), ph);
      return (
        tcp.ok && tcp.value.header.srcPort === sp && tcp.value.header.dstPort === dp && tcp.value.header.seq === seq &&
        Buffer.from(tcp.value.payload).equals(Buffer.from(body)) &&
        udp.ok && udp.value.header.srcPort === sp && Buffer.from(udp.value.payload).equals(Buffer.from(body))
      );
    }),
  );
  t.pass();
});

test('a flipped payload bit breaks the TCP, UDP and ICMPv4 checksums', (t) => {
  fc.assert(
    fc.property(v4, v4, port, port, fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), fc.integer({ min: 0, max: 7 }), (a, b, sp, dp, body, at, bit) => {
      const ph = { src: a, dst: b };
      const i = at % body.length;
      const tcp = buildTcp({ srcPort: sp, dstPort: dp }, body, ph);
      const udp = buildUdp({ srcPort: sp, dstPort: dp }, body, ph);
      const icmp = buildIcmpv4({ type: 8 }, body);
      tcp[20 + i]! ^= 1 << bit;
      udp[8 + i]! ^= 1 << bit;
      icmp[8 + i]! ^= 1 << bit;
      const r = [parseTcp(tcp, ph), parseUdp(udp, ph), parseIcmpv4(icmp)];
      return r.every((p) => !p.ok && p.reason === 'bad-checksum');
    }),
  );
  t.pass();
});

test('IPv6 round trips, with and without a Fragment header', (t) => {
  fc.assert(
    fc.property(v6, v6, fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 0xfffff }), fc.option(fc.record({ offset: fc.integer({ min: 0, max: 0x1fff }), moreFragments: fc.boolean(), identification: fc.integer({ min: 0, max: 0xffffffff }) }), { nil: undefined }), payload, (src, dst, tc, fl, fragment, body) => {
      const p = parseIpv6(buildIpv6({ src, dst, nextHeader: 4, trafficClass: tc, flowLabel: fl, ...(fragment ? { fragment } : {}) }, body));
      if (!p.ok) return false;
      const v = p.value;
      const sameFrag = fragment === undefined ? v.fragment === undefined : JSON.stringify(v.fragment) === JSON.stringify(fragment);
      return v.header.trafficClass === tc && v.header.flowLabel === fl && sameFrag && (fragment && fragment.offset !== 0 ? true : v.upperProtocol === 4 && Buffer.from(v.upperPayload).equals(Buffer.from(body)));
    }),
  );
  t.pass();
});

test('IPv6 text written then read gives the same 16 bytes', (t) => {
  fc.assert(fc.property(v6, (b) => Buffer.from(ipv6FromText(ipv6ToText(b))!).equals(Buffer.from(b))));
  // Sparse addresses exercise `::` placement more than random bytes do.
  const sparse = fc.array(fc.constantFrom(0, 0, 0, 1, 0xffff), { minLength: 8, maxLength: 8 }).map((g) => Uint8Array.from(g.flatMap((x) => [x >> 8, x & 0xff])));
  fc.assert(fc.property(sparse, (b) => Buffer.from(ipv6FromText(ipv6ToText(b))!).equals(Buffer.from(b))));
  t.pass();
});

const parsers: [string, (b: Uint8Array) => Parsed<unknown>][] = [
  ['IPv4', (b) => parseIpv4(b)],
  ['IPv6', (b) => parseIpv6(b)],
  ['TCP', (b) => parseTcp(b, { src: new Uint8Array(4), dst: new Uint8Array(4) })],
  ['UDP', (b) => parseUdp(b, { src: new Uint8Array(16), dst: new Uint8Array(16) })],
  ['ICMPv4', (b) => parseIcmpv4(b)],
  ['ICMPv6', (b) => parseIcmpv6(b, { src: new Uint8Array(16), dst: new Uint8Array(16) })],
  ['ports', (b) => ipv4Ports(b)],
];

test('random bytes never make a parser throw: they parse or give a reason', (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 120 }), (b) => parsers.every(([, parse]) => okOrReason(parse(b)))), { numRuns: 2000 });
  t.pass();
});

test('truncated and bit-flipped valid packets never throw', (t) => {
  const packet = fc.tuple(v4, v4, port, port, payload, fc.boolean()).map(([a, b, sp, dp, body, tcp]) => {
    const l4 = tcp ? buildTcp({ srcPort: sp, dstPort: dp }, body, { src: a, dst: b }) : buildUdp({ srcPort: sp, dstPort: dp }, body, { src: a, dst: b });
    return buildIpv4({ src: a, dst: b, protocol: tcp ? 6 : 17 }, l4);
  });
  fc.assert(
    fc.property(packet, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 7 }), (p, cut, at, bit) => {
      const truncated = p.subarray(0, cut % (p.length + 1));
      const flipped = Uint8Array.from(p);
      flipped[at % p.length]! ^= 1 << bit;
      const ok4 = [truncated, flipped].every((b) => parsers.every(([, parse]) => okOrReason(parse(b))));
      // Any truncation of a whole datagram is refused by the IPv4 parser.
      const cutRefused = truncated.length === p.length || !parseIpv4(truncated).ok;
      return ok4 && cutRefused;
    }),
    { numRuns: 1000 },
  );
  t.pass();
});
