import test from 'ava';
import { ipv4FromText, ipv4FromUint32, ipv4ToText, ipv4ToUint32, ipv6FromText, ipv6ToText } from '../../../sim/aplus/codec';

test('an IPv4 dotted quad becomes 4 bytes and a uint32 and back', (t) => {
  const b = ipv4FromText('198.51.100.27')!;
  t.deepEqual([...b], [198, 51, 100, 27]);
  t.is(ipv4ToUint32(b), 0xc633641b);
  t.deepEqual([...ipv4FromUint32(0xc633641b)], [198, 51, 100, 27]);
  t.is(ipv4ToText(b), '198.51.100.27');
  t.is(ipv4ToUint32(ipv4FromText('255.255.255.255')!), 0xffffffff);
});

const badV4 = ['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.a', '', '1..2.3'];
for (const text of badV4) {
  test(`"${text}" is not an IPv4 address`, (t) => t.is(ipv4FromText(text), undefined));
}

const canonical: [string, string][] = [
  ['2001:db8:7301:d002::711', '2001:db8:7301:d002::711'],
  ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
  ['::', '::'],
  ['::1', '::1'],
  ['1::', '1::'],
  // One zero group is not shortened (RFC 5952 4.2.2).
  ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
  // The longest run wins (4.2.3) ...
  ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
  // ... the first one on a tie.
  ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
  ['::ffff:198.18.2.1', '::ffff:198.18.2.1'],
  ['64:ff9b::198.18.2.33', '64:ff9b::c612:221'],
];
for (const [input, out] of canonical) {
  test(`IPv6 ${input} is written ${out}`, (t) => t.is(ipv6ToText(ipv6FromText(input)!), out));
}

test('IPv6 text gives the right bytes', (t) => {
  t.deepEqual([...ipv6FromText('2001:db8:7301:4666::2')!], [0x20, 0x01, 0x0d, 0xb8, 0x73, 0x01, 0x46, 0x66, 0, 0, 0, 0, 0, 0, 0, 2]);
});

for (const text of ['1:2:3:4:5:6:7', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'g::', '::1.2.3', '1:2:3:4:5:6:7::8', 'fe80::1%eth0']) {
  test(`"${text}" is not an IPv6 address`, (t) => t.is(ipv6FromText(text), undefined));
}
