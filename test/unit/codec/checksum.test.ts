import test from 'ava';
import {
  internetChecksum,
  parseIpv4,
  parseUdp,
  upperLayerChecksum,
  ipv4FromText,
} from '../../../sim/aplus/codec';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));

test('the IPv4 header checksum of a known header is 0xb861', (t) => {
  // The classic example header: 192.168.0.1 -> 192.168.0.199, UDP, checksum b861.
  const header = hex('4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7');
  t.is(internetChecksum(header), 0xb861);
  header[10] = 0xb8;
  header[11] = 0x61;
  t.is(internetChecksum(header), 0);
});

// A packet captured by tcpdump on lo (test/unit/pcap/fixtures/lo-ethernet.pcap):
// 127.0.0.1.33532 > 127.0.0.1.39999 UDP "aplus-v4-1".
const captured = hex('450000262dca400040110efb7f0000017f00000182fc9c3f0012fe2561706c75732d76342d31');

test('a captured IPv4 header verifies and gives its fields', (t) => {
  const p = parseIpv4(captured);
  if (!p.ok) return t.fail(p.detail);
  t.is(p.value.header.checksum, 0x0efb);
  t.is(p.value.header.identification, 0x2dca);
  t.true(p.value.header.dontFragment);
  t.is(p.value.header.protocol, 17);
  t.is(p.value.payload.length, 18);
});

test('the UDP pseudo-header checksum of an RFC 768 example computes by hand', (t) => {
  // 10.0.0.1:1000 -> 10.0.0.2:2000, payload "hi", computed by hand:
  // pseudo 0a00+0001+0a00+0002+0011+000a = 0x141e; udp 03e8+07d0+000a+6869 = 0x742b;
  // sum 0x8849 -> ~ = 0x77b6.
  const udp = hex('03e8 07d0 000a 0000 6869');
  const ph = { src: ipv4FromText('10.0.0.1')!, dst: ipv4FromText('10.0.0.2')! };
  t.is(upperLayerChecksum(ph, 17, udp), 0x77b6);
  udp[6] = 0x77;
  udp[7] = 0xb6;
  t.true(parseUdp(udp, ph).ok);
  udp[9]! ^= 1;
  const bad = parseUdp(udp, ph);
  t.false(bad.ok);
  if (!bad.ok) t.is(bad.reason, 'bad-checksum');
});

test('an odd-length message is padded with a zero byte', (t) => {
  t.is(internetChecksum(Uint8Array.of(0x01)), 0xfeff);
  t.is(internetChecksum(Uint8Array.of(0x00, 0x01, 0xf2)), ~(0x0001 + 0xf200) & 0xffff);
});
