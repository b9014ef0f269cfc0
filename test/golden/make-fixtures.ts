// Writes the golden cases: for each, input.pcap (what a core is fed),
// expected.pcap and expected.json (verdicts and counters). The expected side
// is built from each packet's description of what should come out, never by
// running the cores, so the test is not circular.
//   npx tsx test/golden/make-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  buildIcmpv4,
  buildIpv4,
  buildIpv6,
  buildTcp,
  buildUdp,
  echoRest,
  ipv4FromText,
  ipv6FromText,
  TCP_FLAGS,
  type Ipv4Spec,
} from '../../sim/aplus/codec';
import { writeRawPcap } from '../../sim/measure/pcap';

const v4 = (s: string): Uint8Array => ipv4FromText(s)!;
const v6 = (s: string): Uint8Array => ipv6FromText(s)!;

// The addresses of prr.conf.
export const SHARED = v4('198.51.100.27');
export const PRR6 = v6('2001:db8:7301:d002::711');
export const ROOM6 = [v6('2001:db8:7301:4666::1'), v6('2001:db8:7301:4666::2')] as const;
const STRANGER6 = v6('2001:db8:7301:4666::3');
const SERVER = v4('198.18.0.5');

export type Core = 'prr-upstream' | 'prr-downstream' | 'smap-upstream' | 'smap-downstream';
const REASONS = ['no-owner', 'unknown-smap', 'spoofed-port', 'spoofed-source', 'not-shared', 'malformed', 'fragment', 'icmp', 'too-big', 'unknown-peer', 'protocol', 'ipv6-fragment', 'send-failed', 'tun-short-read', 'bad-csum-offset', 'no-buffer', 'ttl-exceeded'] as const;
type Reason = (typeof REASONS)[number];

type Expect =
  | { out: true; smap?: number; outOfRange?: boolean } // forwarded/encapsulated/delivered unchanged
  | { drop: Reason; smap?: number };

interface PacketCase {
  readonly what: string;
  /** The IPv4 packet (inner packet for raw-socket input). */
  readonly ipv4: Uint8Array;
  /** Raw-socket input: the IPv6 source the packet came from. */
  readonly from?: Uint8Array;
  readonly expect: Expect;
}

interface GoldenCase {
  readonly name: string;
  readonly core: Core;
  /** SMAP cases: which room (0 or 1) the SMAP is. */
  readonly room?: number;
  readonly packets: readonly PacketCase[];
}

let ipId = 0x100;
function ip(spec: Partial<Ipv4Spec> & { protocol: number }, l4: Uint8Array): Uint8Array {
  return buildIpv4({ src: SHARED, dst: SERVER, identification: ipId++, dontFragment: true, ...spec }, l4);
}
function tcp(src: Uint8Array, sport: number, dst: Uint8Array, dport: number, size = 0, extra: Partial<Ipv4Spec> = {}): Uint8Array {
  // `size` pads the payload so the whole datagram is that many bytes.
  const body = new Uint8Array(size > 40 ? size - 40 : 0).fill(0x61);
  return ip({ src, dst, protocol: 6, ...extra }, buildTcp({ srcPort: sport, dstPort: dport, seq: 1000, flags: TCP_FLAGS.ack | TCP_FLAGS.psh }, body, { src, dst }));
}
function udp(src: Uint8Array, sport: number, dst: Uint8Array, dport: number, extra: Partial<Ipv4Spec> = {}): Uint8Array {
  return ip({ src, dst, protocol: 17, ...extra }, buildUdp({ srcPort: sport, dstPort: dport }, new TextEncoder().encode('aplus'), { src, dst }));
}
function icmp(src: Uint8Array, dst: Uint8Array, type: number, code = 0, rest = 0, body: Uint8Array = new Uint8Array(8)): Uint8Array {
  return ip({ src, dst, protocol: 1, dontFragment: false }, buildIcmpv4({ type, code, rest }, body));
}
const mutate = (b: Uint8Array, f: (c: Uint8Array) => void): Uint8Array => {
  const c = Uint8Array.from(b);
  f(c);
  return c;
};

const down = (dport: number, expect: Expect, what = `TCP to shared:${dport}`): PacketCase => ({ what, ipv4: tcp(SERVER, 443, SHARED, dport), expect });
const up = (room: number, sport: number, expect: Expect, what = `TCP from room ${room + 1} port ${sport}`): PacketCase => ({
  what,
  from: ROOM6[room],
  ipv4: tcp(SHARED, sport, SERVER, 443),
  expect,
});

export const CASES: readonly GoldenCase[] = [
  {
    name: 'prr-downstream-dispatch',
    core: 'prr-downstream',
    packets: [
      down(10000, { out: true, smap: 0 }),
      down(11000, { out: true, smap: 0 }),
      down(11001, { out: true, smap: 1 }),
      down(12000, { out: true, smap: 1 }),
      down(12001, { drop: 'no-owner' }),
      down(9999, { drop: 'no-owner' }),
      { what: 'UDP to 10500', ipv4: udp(SERVER, 9000, SHARED, 10500), expect: { out: true, smap: 0 } },
      { what: 'UDP to 11500', ipv4: udp(SERVER, 9000, SHARED, 11500), expect: { out: true, smap: 1 } },
    ],
  },
  {
    name: 'prr-upstream-dispatch',
    core: 'prr-upstream',
    packets: [
      up(0, 10000, { out: true, smap: 0 }),
      up(0, 11000, { out: true, smap: 0 }),
      up(1, 11001, { out: true, smap: 1 }),
      up(1, 12000, { out: true, smap: 1 }),
      { what: 'UDP from room 1 port 10500', from: ROOM6[0], ipv4: udp(SHARED, 10500, SERVER, 9000), expect: { out: true, smap: 0 } },
    ],
  },
  {
    name: 'prr-upstream-spoofing',
    core: 'prr-upstream',
    packets: [
      up(1, 10500, { drop: 'spoofed-port', smap: 1 }, 'room 2 using a room-1 port'),
      up(0, 12001, { drop: 'spoofed-port', smap: 0 }),
      up(0, 9999, { drop: 'spoofed-port', smap: 0 }),
      { what: 'unknown SMAP', from: STRANGER6, ipv4: tcp(SHARED, 10001, SERVER, 443), expect: { drop: 'unknown-smap' } },
      { what: 'inner source not shared', from: ROOM6[0], ipv4: tcp(v4('198.51.100.99'), 10001, SERVER, 443), expect: { drop: 'spoofed-source', smap: 0 } },
      { what: 'un-NATed LAN source', from: ROOM6[0], ipv4: tcp(v4('192.168.1.142'), 10001, SERVER, 443), expect: { drop: 'spoofed-source', smap: 0 } },
      up(0, 10001, { out: true, smap: 0 }, 'a good one after the bad'),
    ],
  },
  {
    name: 'prr-downstream-malformed',
    core: 'prr-downstream',
    packets: [
      { what: 'truncated datagram', ipv4: tcp(SERVER, 443, SHARED, 10001).subarray(0, 30), expect: { drop: 'malformed' } },
      { what: 'bad header checksum', ipv4: mutate(tcp(SERVER, 443, SHARED, 10001), (c) => (c[10]! ^= 0xff)), expect: { drop: 'malformed' } },
      { what: 'version 6 nibble', ipv4: mutate(tcp(SERVER, 443, SHARED, 10001), (c) => (c[0] = 0x65)), expect: { drop: 'malformed' } },
      { what: 'IHL 4', ipv4: mutate(tcp(SERVER, 443, SHARED, 10001), (c) => (c[0] = 0x44)), expect: { drop: 'malformed' } },
      { what: '19 bytes', ipv4: tcp(SERVER, 443, SHARED, 10001).subarray(0, 19), expect: { drop: 'malformed' } },
      { what: 'TCP header cut to 2 bytes', ipv4: ip({ src: SERVER, dst: SHARED, protocol: 6 }, Uint8Array.of(0x01, 0xbb)), expect: { drop: 'malformed' } },
      { what: 'not for the shared address', ipv4: tcp(SERVER, 443, v4('198.51.100.26'), 10001), expect: { drop: 'not-shared' } },
      { what: 'GRE', ipv4: ip({ src: SERVER, dst: SHARED, protocol: 47 }, new Uint8Array(8)), expect: { drop: 'protocol' } },
      down(10001, { out: true, smap: 0 }, 'a good one after the bad'),
    ],
  },
  {
    name: 'prr-upstream-malformed',
    core: 'prr-upstream',
    packets: [
      { what: 'truncated inner', from: ROOM6[0], ipv4: tcp(SHARED, 10001, SERVER, 443).subarray(0, 30), expect: { drop: 'malformed', smap: 0 } },
      { what: 'bad inner checksum', from: ROOM6[0], ipv4: mutate(tcp(SHARED, 10001, SERVER, 443), (c) => (c[11]! ^= 1)), expect: { drop: 'malformed', smap: 0 } },
      { what: 'empty payload', from: ROOM6[1], ipv4: new Uint8Array(0), expect: { drop: 'malformed', smap: 1 } },
      { what: 'UDP header cut to 6 bytes', from: ROOM6[0], ipv4: ip({ protocol: 17 }, new Uint8Array(6)), expect: { drop: 'malformed', smap: 0 } },
      { what: 'GRE', from: ROOM6[1], ipv4: ip({ protocol: 47 }, new Uint8Array(8)), expect: { drop: 'protocol', smap: 1 } },
    ],
  },
  {
    name: 'prr-downstream-icmp',
    core: 'prr-downstream',
    packets: [
      { what: 'echo reply to the shared address', ipv4: icmp(SERVER, SHARED, 0, 0, echoRest(10001, 1)), expect: { drop: 'icmp' } },
      { what: 'frag needed to the shared address', ipv4: icmp(SERVER, SHARED, 3, 4, 1400, tcp(SHARED, 10001, SERVER, 443).subarray(0, 28)), expect: { drop: 'icmp' } },
    ],
  },
  {
    name: 'prr-upstream-icmp',
    core: 'prr-upstream',
    packets: [
      { what: 'echo request from room 1', from: ROOM6[0], ipv4: icmp(SHARED, SERVER, 8, 0, echoRest(10001, 1)), expect: { drop: 'icmp', smap: 0 } },
      { what: 'port unreachable from room 2', from: ROOM6[1], ipv4: icmp(SHARED, SERVER, 3, 3, 0, udp(SERVER, 9000, SHARED, 11500).subarray(0, 28)), expect: { drop: 'icmp', smap: 1 } },
      // The paper's SMAP SNATs only TCP and UDP (Appendix C): a client's ping leaves un-NATed, and it is the ICMP rule that stops it.
      { what: 'echo request from client B, not NATed', from: ROOM6[0], ipv4: icmp(v4('192.168.1.142'), SERVER, 8, 0, echoRest(7, 1)), expect: { drop: 'icmp', smap: 0 } },
    ],
  },
  {
    name: 'prr-downstream-fragments',
    core: 'prr-downstream',
    packets: [
      { what: 'first fragment', ipv4: udp(SERVER, 9000, SHARED, 10500, { dontFragment: false, moreFragments: true }), expect: { drop: 'fragment' } },
      { what: 'later fragment', ipv4: ip({ src: SERVER, dst: SHARED, protocol: 17, dontFragment: false, fragmentOffset: 185 }, new Uint8Array(16)), expect: { drop: 'fragment' } },
      { what: 'last fragment', ipv4: ip({ src: SERVER, dst: SHARED, protocol: 6, dontFragment: false, fragmentOffset: 2 }, new Uint8Array(8)), expect: { drop: 'fragment' } },
      { what: 'whole datagram', ipv4: udp(SERVER, 9000, SHARED, 10500, { dontFragment: false }), expect: { out: true, smap: 0 } },
    ],
  },
  {
    name: 'prr-upstream-fragments',
    core: 'prr-upstream',
    packets: [
      { what: 'first fragment from room 1', from: ROOM6[0], ipv4: udp(SHARED, 10500, SERVER, 9000, { dontFragment: false, moreFragments: true }), expect: { drop: 'fragment', smap: 0 } },
      { what: 'later fragment from room 2', from: ROOM6[1], ipv4: ip({ protocol: 17, dontFragment: false, fragmentOffset: 100 }, new Uint8Array(8)), expect: { drop: 'fragment', smap: 1 } },
    ],
  },
  {
    // The Call of Duty bug (paper IV-C): DF packets over the tunnel MTU vanish.
    name: 'prr-downstream-too-big',
    core: 'prr-downstream',
    packets: [
      { what: '1421 bytes DF to room 1 (MTU 1420)', ipv4: tcp(SERVER, 443, SHARED, 10001, 1421), expect: { drop: 'too-big', smap: 0 } },
      { what: '1420 bytes DF to room 1', ipv4: tcp(SERVER, 443, SHARED, 10001, 1420), expect: { out: true, smap: 0 } },
      { what: '1421 bytes no DF to room 1', ipv4: tcp(SERVER, 443, SHARED, 10001, 1421, { dontFragment: false }), expect: { out: true, smap: 0 } },
      { what: '1241 bytes DF to room 2 (MTU 1240)', ipv4: tcp(SERVER, 443, SHARED, 11500, 1241), expect: { drop: 'too-big', smap: 1 } },
      { what: '1240 bytes DF to room 2', ipv4: tcp(SERVER, 443, SHARED, 11500, 1240), expect: { out: true, smap: 1 } },
    ],
  },
  {
    name: 'smap-upstream',
    core: 'smap-upstream',
    room: 0,
    packets: [
      { what: 'TCP from shared:10001', ipv4: tcp(SHARED, 10001, SERVER, 443), expect: { out: true } },
      { what: 'UDP from shared:11000', ipv4: udp(SHARED, 11000, SERVER, 9000), expect: { out: true } },
      { what: 'TCP from an out-of-range port: sent, the PRR judges', ipv4: tcp(SHARED, 20000, SERVER, 443), expect: { out: true, outOfRange: true } },
      { what: 'ICMP echo request: the SMAP sends it on', ipv4: icmp(SHARED, SERVER, 8, 0, echoRest(10001, 1)), expect: { out: true } },
      { what: 'truncated', ipv4: tcp(SHARED, 10001, SERVER, 443).subarray(0, 25), expect: { drop: 'malformed' } },
    ],
  },
  {
    name: 'smap-downstream',
    core: 'smap-downstream',
    room: 0,
    packets: [
      { what: 'TCP from the PRR to shared:10001', from: PRR6, ipv4: tcp(SERVER, 443, SHARED, 10001), expect: { out: true } },
      { what: 'from room 2, not the PRR', from: ROOM6[1], ipv4: tcp(SERVER, 443, SHARED, 10001), expect: { drop: 'unknown-peer' } },
      { what: 'not for the shared address', from: PRR6, ipv4: tcp(SERVER, 443, v4('198.51.100.26'), 10001), expect: { drop: 'not-shared' } },
      { what: 'bad checksum', from: PRR6, ipv4: mutate(tcp(SERVER, 443, SHARED, 10001), (c) => (c[10]! ^= 0x10)), expect: { drop: 'malformed' } },
      { what: 'UDP from the PRR', from: PRR6, ipv4: udp(SERVER, 9000, SHARED, 10999), expect: { out: true } },
    ],
  },
];

/** How a core's input is written: raw-socket inputs as the whole IPv6 packet the wire carried. */
function inputBytes(c: GoldenCase, p: PacketCase): Uint8Array {
  if (c.core === 'prr-upstream') return buildIpv6({ src: p.from!, dst: PRR6, nextHeader: 4, hopLimit: 64 }, p.ipv4);
  if (c.core === 'smap-downstream') return buildIpv6({ src: p.from!, dst: ROOM6[c.room!]!, nextHeader: 4, hopLimit: 64 }, p.ipv4);
  return p.ipv4;
}

/** What should come out for an 'out' packet: unchanged, or wrapped as the kernel would (RFC 2473, next header 4). */
function outputBytes(c: GoldenCase, p: PacketCase, smap: number | undefined): Uint8Array {
  if (c.core === 'prr-downstream') return buildIpv6({ src: PRR6, dst: ROOM6[smap!]!, nextHeader: 4, hopLimit: 64 }, p.ipv4);
  if (c.core === 'smap-upstream') return buildIpv6({ src: ROOM6[c.room!]!, dst: PRR6, nextHeader: 4, hopLimit: 64 }, p.ipv4);
  return p.ipv4;
}

function verdictOf(c: GoldenCase, e: Expect): string {
  if ('drop' in e) return `drop ${e.drop}`;
  return { 'prr-upstream': 'forward', 'prr-downstream': `encap smap ${e.smap}`, 'smap-upstream': 'encap', 'smap-downstream': 'deliver' }[c.core];
}

/** Counters tallied from the descriptions, in the shape of Counters.toJSON(). */
function expectedCounters(c: GoldenCase): unknown {
  const flow = () => ({ packets: 0, bytes: 0 });
  const upstream = c.core.endsWith('upstream');
  const total = { upstream: flow(), downstream: flow() };
  const drops = Object.fromEntries(REASONS.map((r) => [r, 0])) as Record<Reason, number>;
  const smaps = c.core.startsWith('prr') ? [0, 1].map(() => ({ upstream: flow(), downstream: flow(), drops: {} as Partial<Record<Reason, number>> })) : [];
  let outOfRange = 0;
  for (const p of c.packets) {
    const e = p.expect;
    const s = e.smap === undefined ? undefined : smaps[e.smap];
    if ('drop' in e) {
      drops[e.drop]++;
      if (s) s.drops[e.drop] = (s.drops[e.drop] ?? 0) + 1;
      continue;
    }
    if (e.outOfRange) outOfRange++;
    for (const f of [total, s]) {
      if (!f) continue;
      const dir = upstream ? f.upstream : f.downstream;
      dir.packets++;
      dir.bytes += p.ipv4.length;
    }
  }
  return { upstream: total.upstream, downstream: total.downstream, drops, outOfRange, smaps };
}

export function writeFixtures(root: URL): void {
  for (const c of CASES) {
    const dir = new URL(`cases/${c.name}/`, root);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('input.pcap', dir), writeRawPcap(c.packets.map((p) => inputBytes(c, p))));
    const outs = c.packets.filter((p) => 'out' in p.expect).map((p) => outputBytes(c, p, p.expect.smap));
    writeFileSync(new URL('expected.pcap', dir), writeRawPcap(outs));
    const json = {
      core: c.core,
      ...(c.room === undefined ? {} : { room: c.room }),
      packets: c.packets.map((p) => ({ what: p.what, verdict: verdictOf(c, p.expect) })),
      counters: expectedCounters(c),
    };
    writeFileSync(new URL('expected.json', dir), `${JSON.stringify(json, null, 2)}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFixtures(new URL('./', import.meta.url));
  console.log(`wrote ${CASES.length} golden cases`);
}
