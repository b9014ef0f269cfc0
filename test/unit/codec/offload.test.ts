// native/offload.c through the addon's test entry points: cutting a TCP
// super-packet the kernel handed a TUN device into the segments the kernel
// would have sent, and joining runs of segments back for a TUN write. Each
// segment must verify with the project's own codec; joined, the data and
// headers must come back and the checksum be the partial one the kernel
// expects (the pseudo-header sum, not complemented).
import test from 'ava';
import fc from 'fast-check';
import { buildIpv4, buildTcp, parseIpv4, parseTcp, TCP_FLAGS } from '../../../sim/aplus/codec';
import { pseudoHeaderSum } from '../../../sim/aplus/codec/checksum';
import { loadTunio } from '../../../sim/aplus/io/tunio';

const src = Uint8Array.of(192, 168, 1, 10);
const dst = Uint8Array.of(198, 51, 100, 80);
const { offloadSegment, offloadJoin, offloadRead } = loadTunio();

interface Seg {
  readonly seq?: number;
  readonly id?: number;
  readonly flags?: number;
  readonly payload: Uint8Array;
  readonly options?: Uint8Array;
  readonly ack?: number;
  readonly srcPort?: number;
}

function packet(s: Seg): Buffer {
  const tcp = buildTcp(
    { srcPort: s.srcPort ?? 10001, dstPort: 80, seq: s.seq ?? 1000, ack: s.ack ?? 77, flags: s.flags ?? TCP_FLAGS.ack, window: 501, options: s.options },
    s.payload,
    { src, dst },
  );
  return Buffer.from(buildIpv4({ src, dst, protocol: 6, identification: s.id ?? 100, dontFragment: true, ttl: 63 }, tcp));
}

function bytes(n: number, seed = 1): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
}

const timestamps = Uint8Array.of(1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2);

function parse(b: Uint8Array) {
  const ip = parseIpv4(b, { verifyChecksum: true });
  if (!ip.ok) throw new Error(`IPv4: ${ip.detail}`);
  const tcp = parseTcp(ip.value.payload, { src, dst });
  if (!tcp.ok) throw new Error(`TCP: ${tcp.detail}`);
  return { ip: ip.value.header, tcp: tcp.value.header, payload: tcp.value.payload };
}

test('a 10000-byte burst with PSH and FIN becomes 7 segments that verify, in order, flags where the kernel puts them', (t) => {
  const data = bytes(10000);
  const burst = packet({ seq: 0xfffff000, id: 0xfffe, flags: TCP_FLAGS.ack | TCP_FLAGS.psh | TCP_FLAGS.fin | TCP_FLAGS.cwr, payload: data, options: timestamps });
  const segs = offloadSegment(burst, 1448)!;
  t.is(segs.length, 7);
  let seq = 0xfffff000;
  const joined: number[] = [];
  segs.forEach((s, i) => {
    const p = parse(s);
    const last = i === segs.length - 1;
    t.is(p.ip.totalLength, s.length);
    t.is(p.ip.identification, (0xfffe + i) & 0xffff);
    t.true(p.ip.dontFragment);
    t.is(p.tcp.seq, seq >>> 0);
    t.is(p.tcp.ack, 77);
    t.deepEqual([...p.tcp.options], [...timestamps]);
    t.is(p.tcp.flags, TCP_FLAGS.ack | (last ? TCP_FLAGS.psh | TCP_FLAGS.fin : 0) | (i === 0 ? TCP_FLAGS.cwr : 0));
    t.is(p.payload.length, last ? 10000 - 6 * 1448 : 1448);
    seq += p.payload.length;
    joined.push(...p.payload);
  });
  t.deepEqual(Uint8Array.from(joined), data);
});

test('segments joined back: the same data and headers, and the partial checksum the kernel finishes', (t) => {
  const burst = packet({ flags: TCP_FLAGS.ack | TCP_FLAGS.psh, payload: bytes(5000), options: timestamps });
  const segs = offloadSegment(burst, 1400)!;
  const j = offloadJoin(segs)!;
  t.is(j.gsoSize, 1400);
  const ip = parseIpv4(j.packet, { verifyChecksum: true });
  t.true(ip.ok);
  const ipHeader = 20;
  // Everything but the TCP checksum is the burst again.
  const masked = (b: Uint8Array) => Buffer.concat([b.subarray(0, ipHeader + 16), b.subarray(ipHeader + 18)]);
  t.deepEqual(masked(j.packet), masked(burst));
  let sum = pseudoHeaderSum({ src, dst }, 6, j.packet.length - ipHeader);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  t.is(j.packet.readUInt16BE(ipHeader + 16), sum);
});

test('runs are only joined when the kernel could cut them again the same way', (t) => {
  const a = packet({ seq: 1, id: 1, payload: bytes(1000) });
  const b = packet({ seq: 1001, id: 2, payload: bytes(1000, 2) });
  t.truthy(offloadJoin([a, b]));
  t.truthy(offloadJoin([a, packet({ seq: 1001, id: 2, payload: bytes(10), flags: TCP_FLAGS.ack | TCP_FLAGS.psh })]), 'a short last segment with PSH');
  const refused: Array<[string, Buffer[]]> = [
    ['a gap in the sequence', [a, packet({ seq: 1002, id: 2, payload: bytes(1000) })]],
    ['IDs not one apart', [a, packet({ seq: 1001, id: 3, payload: bytes(1000) })]],
    ['another flow', [a, packet({ seq: 1001, id: 2, payload: bytes(1000), srcPort: 10002 })]],
    ['another ack', [a, packet({ seq: 1001, id: 2, payload: bytes(1000), ack: 78 })]],
    ['a longer segment after the first', [a, packet({ seq: 1001, id: 2, payload: bytes(1001) })]],
    ['anything after a short segment', [a, packet({ seq: 1001, id: 2, payload: bytes(500) }), packet({ seq: 1501, id: 3, payload: bytes(500) })]],
    ['anything after PSH', [packet({ seq: 1, id: 1, payload: bytes(1000), flags: TCP_FLAGS.ack | TCP_FLAGS.psh }), b]],
    ['a SYN', [packet({ seq: 1, id: 1, payload: bytes(1000), flags: TCP_FLAGS.syn | TCP_FLAGS.ack }), b]],
    ['a FIN', [a, packet({ seq: 1001, id: 2, payload: bytes(1000), flags: TCP_FLAGS.fin | TCP_FLAGS.ack })]],
    ['a bare ACK', [packet({ seq: 1, id: 1, payload: new Uint8Array(0) })]],
    ['other options', [packet({ seq: 1, id: 1, payload: bytes(1000), options: timestamps }), packet({ seq: 1001, id: 2, payload: bytes(1000), options: Uint8Array.of(1, 1, 8, 10, 0, 0, 0, 9, 0, 0, 0, 2) })]],
  ];
  for (const [why, run] of refused) t.is(offloadJoin(run), null, why);
});

test('what is not a whole IPv4 TCP packet with data is not cut', (t) => {
  const ok = packet({ payload: bytes(3000) });
  t.is(offloadSegment(ok, 0), null, 'gso size 0');
  t.is(offloadSegment(ok.subarray(0, 1000), 1000), null, 'truncated');
  t.is(offloadSegment(packet({ payload: new Uint8Array(0) }), 1000), null, 'no payload');
  const udp = Buffer.from(ok);
  udp[9] = 17;
  t.is(offloadSegment(udp, 1000), null, 'UDP');
  const frag = Buffer.from(ok);
  frag.writeUInt16BE(0x2000, 6); // more fragments
  t.is(offloadSegment(frag, 1000), null, 'a fragment');
  t.is(offloadSegment(Buffer.alloc(60), 1000), null, 'zeros');
});

test('property: any burst cut at any size verifies segment by segment and joins back to itself', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 30000 }),
      fc.integer({ min: 64, max: 1460 }),
      fc.integer({ min: 0, max: 10 }).map((n) => new Uint8Array(n * 4).fill(1)),
      fc.integer({ min: 0, max: 0xffffffff }),
      (n, gso, options, seq) => {
        const burst = packet({ seq, payload: bytes(n, n), options });
        const segs = offloadSegment(burst, gso)!;
        if (segs.length !== Math.ceil(n / gso)) return false;
        for (const s of segs) parse(s);
        if (segs.length > 64) return true; // more than one TUN write's worth: joined in runs
        const j = offloadJoin(segs);
        if (segs.length === 1) return j !== null && j.packet.subarray(20 + 18).equals(burst.subarray(20 + 18));
        return j !== null && j.packet.subarray(20 + 18).equals(burst.subarray(20 + 18)) && j.gsoSize === gso;
      },
    ),
    { numRuns: 300 },
  );
  t.pass();
});

/** One TUN read as the kernel hands it over: the 10-byte virtio_net_hdr (little-endian), then the packet. */
function tunRead(pkt: Uint8Array, h: { flags?: number; gsoType?: number; gsoSize?: number; csumStart?: number; csumOffset?: number } = {}): Buffer {
  const hdr = Buffer.alloc(10);
  hdr[0] = h.flags ?? 0;
  hdr[1] = h.gsoType ?? 0;
  hdr.writeUInt16LE(h.gsoSize ?? 0, 4);
  hdr.writeUInt16LE(h.csumStart ?? 0, 6);
  hdr.writeUInt16LE(h.csumOffset ?? 0, 8);
  return Buffer.concat([hdr, pkt]);
}

/** The burst with the partial TCP checksum the kernel leaves (NEEDS_CSUM): the pseudo-header sum, not complemented. */
function partial(p: Buffer): Buffer {
  const out = Buffer.from(p);
  let sum = pseudoHeaderSum({ src, dst }, 6, out.length - 20);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  out.writeUInt16BE(sum, 20 + 16);
  return out;
}

const NEEDS_CSUM = 1;
const GSO_TCPV4 = 1;

test('a TUN read shorter than its header is a short read: nothing goes on', (t) => {
  for (const n of [0, 1, 9]) t.deepEqual(offloadRead(Buffer.alloc(n)), { verdict: 'short', packets: [] }, `${n} bytes`);
  t.deepEqual(offloadRead(Buffer.alloc(10)), { verdict: 'whole', packets: [Buffer.alloc(0)] }, 'a header and no packet: an empty packet, the cores judge it');
});

test('a partial checksum is finished in place, and a packet whose checksum offsets fall outside it is dropped, not sent half done', (t) => {
  const whole = packet({ payload: bytes(300) });
  const read = offloadRead(tunRead(partial(whole), { flags: NEEDS_CSUM, csumStart: 20, csumOffset: 16 }));
  t.is(read.verdict, 'whole');
  t.deepEqual(read.packets, [whole], 'the checksum the sender would have written');
  t.notThrows(() => parse(read.packets[0]!));
  const bad: Array<[string, number, number]> = [
    ['start past the end', whole.length, 16],
    ['start far past the end', 0xffff, 16],
    ['offset past the end', 20, whole.length - 20 - 1],
    ['offset far past the end', 20, 0xffff],
  ];
  for (const [why, csumStart, csumOffset] of bad) {
    t.deepEqual(offloadRead(tunRead(partial(whole), { flags: NEEDS_CSUM, csumStart, csumOffset })), { verdict: 'bad-csum-offset', packets: [] }, why);
  }
  t.is(offloadRead(tunRead(partial(whole), { flags: NEEDS_CSUM, csumStart: 20, csumOffset: whole.length - 22 })).verdict, 'whole', 'the last two bytes are still inside');
});

test('a TCP burst read from the TUN is cut into its segments; one that cannot be cut goes whole for the cores to judge', (t) => {
  const burst = packet({ payload: bytes(3000) });
  const read = offloadRead(tunRead(partial(burst), { flags: NEEDS_CSUM, gsoType: GSO_TCPV4, gsoSize: 1000, csumStart: 20, csumOffset: 16 }));
  t.is(read.verdict, 'segments');
  t.deepEqual(read.packets, offloadSegment(burst, 1000));
  const udp = Buffer.from(burst);
  udp[9] = 17;
  t.deepEqual(offloadRead(tunRead(udp, { gsoType: GSO_TCPV4, gsoSize: 1000 })), { verdict: 'whole', packets: [udp] });
});
