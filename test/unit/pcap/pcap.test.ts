import test from 'ava';
import { readFileSync } from 'node:fs';
import { ipPacketOf, LINKTYPE, PcapError, readPcap, writeRawPcap } from '../../../sim/measure/pcap';
import { buildIpv4, buildIpv6, ipv4FromText, ipv6FromText, parseIpv4, parseIpv6, parseUdp } from '../../../sim/aplus/codec';

// Captured on this project's build host with tcpdump 4.99.3 / libpcap 1.10.3:
// two UDP datagrams to 127.0.0.1:39999 and two to [::1]:39999, payloads
// "aplus-v4-1", "aplus-v6-1", "aplus-v4-2", "aplus-v6-2".
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url)));

const captures: [string, number, boolean][] = [
  ['lo-ethernet.pcap', LINKTYPE.ETHERNET, false], // tcpdump -i lo
  ['lo-nsec.pcap', LINKTYPE.ETHERNET, true], // tcpdump -i lo --time-stamp-precision=nano
  ['any-sll2.pcap', LINKTYPE.LINUX_SLL2, false], // tcpdump -i any (Debian bookworm)
  ['any-sll.pcap', LINKTYPE.LINUX_SLL, false], // tcpdump -i any -y LINUX_SLL
];

for (const [name, linktype, nanos] of captures) {
  test(`a real tcpdump capture (${name}) gives its four UDP datagrams`, (t) => {
    const file = readPcap(fixture(name));
    t.is(file.header.linktype, linktype);
    t.is(file.header.nanoseconds, nanos);
    t.is(file.header.snaplen, 200);
    t.is(file.records.length, 4);
    const seen = file.records.map((r) => {
      t.is(r.caplen, r.origlen);
      const ip = ipPacketOf(file.header.linktype, r.data, file.header.littleEndian);
      if (!ip.ok) throw new Error(ip.reason);
      const l4 = ip.version === 4 ? parseIpv4(ip.packet) : parseIpv6(ip.packet);
      if (!l4.ok) throw new Error(l4.detail);
      const udpBytes = 'upperPayload' in l4.value ? l4.value.upperPayload : l4.value.payload;
      const udp = parseUdp(udpBytes);
      if (!udp.ok) throw new Error(udp.detail);
      t.is(udp.value.header.dstPort, 39999);
      return `${ip.version}:${Buffer.from(udp.value.payload).toString()}`;
    });
    t.deepEqual(seen, ['4:aplus-v4-1', '6:aplus-v6-1', '4:aplus-v4-2', '6:aplus-v6-2']);
    // Timestamps are in order and the sub-second field is in range for the precision.
    const ts = file.records.map((r) => r.tsSec + r.tsFrac / (nanos ? 1e9 : 1e6));
    t.deepEqual([...ts].sort((a, b) => a - b), ts);
  });
}

const v4 = buildIpv4({ src: ipv4FromText('198.51.100.27')!, dst: ipv4FromText('198.18.0.5')!, protocol: 17 }, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
const v6 = buildIpv6({ src: ipv6FromText('2001:db8::1')!, dst: ipv6FromText('2001:db8::2')!, nextHeader: 4 }, v4);

test('a written raw pcap reads back with the same packets and timestamps', (t) => {
  const bytes = writeRawPcap([v4, { data: v6, tsSec: 1262304005, tsUsec: 250000 }]);
  t.is(bytes.length, 24 + 16 + v4.length + 16 + v6.length);
  const file = readPcap(bytes);
  t.is(file.header.linktype, LINKTYPE.RAW);
  t.true(file.header.littleEndian);
  t.deepEqual(file.records.map((r) => [...r.data]), [[...v4], [...v6]]);
  t.deepEqual(file.records.map((r) => [r.tsSec, r.tsFrac, r.offset]), [[1262304000, 0, 24], [1262304005, 250000, 24 + 16 + v4.length]]);
  const ip = ipPacketOf(LINKTYPE.RAW, file.records[1]!.data);
  t.deepEqual(ip.ok ? ip.version : ip.reason, 6);
});

test('a big-endian file reads the same as a little-endian one', (t) => {
  const le = writeRawPcap([v4]);
  const be = new Uint8Array(le.length);
  const src = new DataView(le.buffer);
  const dst = new DataView(be.buffer);
  for (const o of [0, 8, 12, 16, 20, 24, 28, 32, 36]) dst.setUint32(o, src.getUint32(o, true), false);
  dst.setUint16(4, 2, false);
  dst.setUint16(6, 4, false);
  be.set(le.subarray(40), 40);
  const file = readPcap(be);
  t.false(file.header.littleEndian);
  t.is(file.header.linktype, 101);
  t.deepEqual([...file.records[0]!.data], [...v4]);
});

test('link headers are stripped for RAW aliases, NULL, LOOP, Ethernet with VLAN, SLL and SLL2', (t) => {
  const version = (lt: number, data: Uint8Array, le = true): string => {
    const r = ipPacketOf(lt, data, le);
    return r.ok ? `${r.version}:${r.packet.length}` : r.reason;
  };
  t.is(version(12, v4), `4:${v4.length}`);
  t.is(version(14, v6), `6:${v6.length}`);
  t.is(version(LINKTYPE.NULL, Uint8Array.from([2, 0, 0, 0, ...v4])), `4:${v4.length}`);
  t.is(version(LINKTYPE.NULL, Uint8Array.from([0, 0, 0, 30, ...v6]), false), `6:${v6.length}`);
  t.is(version(LINKTYPE.LOOP, Uint8Array.from([0, 0, 0, 24, ...v6])), `6:${v6.length}`);
  const eth = Uint8Array.from([...new Array(12).fill(0), 0x81, 0x00, 0x00, 0x05, 0x08, 0x00, ...v4]);
  t.is(version(LINKTYPE.ETHERNET, eth), `4:${v4.length}`);
  t.is(version(LINKTYPE.ETHERNET, Uint8Array.from([...new Array(12).fill(0), 0x08, 0x06, 0, 1])), 'ethertype 0x0806 is not IP');
  t.is(version(LINKTYPE.LINUX_SLL2, new Uint8Array(10)), 'LINUX_SLL2 header needs 20 bytes, got 10');
  t.is(version(LINKTYPE.RAW, Uint8Array.of(0x50)), 'IP version nibble 5');
  t.is(version(147, v4), 'link type 147 is not supported');
});

const badFiles: [string, (b: Uint8Array) => Uint8Array, RegExp, number][] = [
  ['a short header', (b) => b.subarray(0, 10), /shorter than the 24-byte pcap header/, 0],
  ['a bad magic', (b) => { b[0] = 0; return b; }, /bad magic/, 0],
  ['pcapng', (b) => { b.set([0x0a, 0x0d, 0x0d, 0x0a]); return b; }, /pcapng/, 0],
  ['a truncated record header', (b) => b.subarray(0, 30), /truncated record header/, 24],
  ['a truncated record', (b) => b.subarray(0, b.length - 1), /caplen 28 but only 27 bytes left/, 24],
  ['a huge caplen', (b) => { new DataView(b.buffer).setUint32(32, 0x7fffffff, true); return b; }, /caplen 2147483647 exceeds/, 32],
];
for (const [name, mutate, message, offset] of badFiles) {
  test(`a pcap with ${name} is refused with its byte offset`, (t) => {
    const e = t.throws(() => readPcap(mutate(writeRawPcap([v4]))), { instanceOf: PcapError });
    t.regex(e!.message, message);
    t.is(e!.offset, offset);
    t.regex(e!.message, new RegExp(`at byte ${offset}\\)$`));
  });
}
