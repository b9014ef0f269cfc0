import test from 'ava';
import fc from 'fast-check';
import { compileRangeTable, describeRangeTable, RangeTableError, DEFAULT_TUNNEL_MTU } from '../../../sim/aplus/core';
import { ipv6FromText } from '../../../sim/aplus/codec';

const paperSmaps = [
  { name: 'room1', ipv6: '2001:db8:7301:4666::1', first: 10000, last: 11000, mtu: 1420 },
  { name: 'room2', ipv6: '2001:db8:7301:4666::2', first: 11001, last: 12000, mtu: 1240 },
];

test('ports are owned by the SMAP whose range holds them, edges included', (t) => {
  const table = compileRangeTable({ shared: '198.51.100.27', smaps: paperSmaps });
  t.deepEqual([9999, 10000, 11000, 11001, 12000, 12001, 0, 65535, -1, 65536].map((p) => table.ownerOfPort(p)), [-1, 0, 0, 1, 1, -1, -1, -1, -1, -1]);
  t.deepEqual([...table.shared], [198, 51, 100, 27]);
  t.is(table.smaps[1]!.mtu, 1240);
  t.is(table.smaps[0]!.ipv6Text, '2001:db8:7301:4666::1');
});

test('a SMAP is found by its IPv6 source, also inside a larger buffer', (t) => {
  const table = compileRangeTable({ shared: '198.51.100.27', smaps: paperSmaps });
  t.is(table.smapBySource(ipv6FromText('2001:db8:7301:4666::2')!), 1);
  t.is(table.smapBySource(ipv6FromText('2001:db8:7301:4666::3')!), -1);
  const buf = new Uint8Array(40);
  buf.set(ipv6FromText('2001:db8:7301:4666::1')!, 8);
  t.is(table.smapBySource(buf, 8), 0);
  t.is(table.smapBySource(new Uint8Array(4)), -1);
});

test('MTU defaults to 1460, a 1500 path less the IPv6 header', (t) => {
  const table = compileRangeTable({ shared: '198.51.100.27', smaps: [{ name: 'a', ipv6: '2001:db8::1', first: 2000, last: 2000 }] });
  t.is(table.smaps[0]!.mtu, DEFAULT_TUNNEL_MTU);
  t.is(DEFAULT_TUNNEL_MTU, 1460);
});

const bad: [string, Parameters<typeof compileRangeTable>[0], RegExp][] = [
  ['overlapping ranges', { shared: '198.51.100.27', smaps: [paperSmaps[0]!, { ...paperSmaps[1]!, first: 11000 }] }, /SMAP 1 \(room2\): range 11000-12000 overlaps room1's 10000-11000 at port 11000/],
  ['a range starting below 1024', { shared: '198.51.100.27', smaps: [{ name: 'low', ipv6: '2001:db8::1', first: 80, last: 2000 }] }, /starts below 1024/],
  ['first > last', { shared: '198.51.100.27', smaps: [{ name: 'x', ipv6: '2001:db8::1', first: 3000, last: 2000 }] }, /bad port range 3000-2000/],
  ['a port above 65535', { shared: '198.51.100.27', smaps: [{ name: 'x', ipv6: '2001:db8::1', first: 3000, last: 70000 }] }, /bad port range/],
  ['a bad IPv6 address', { shared: '198.51.100.27', smaps: [{ name: 'x', ipv6: '2001:db8::g', first: 3000, last: 4000 }] }, /"2001:db8::g" is not an IPv6 address/],
  ['two SMAPs on one address', { shared: '198.51.100.27', smaps: [paperSmaps[0]!, { ...paperSmaps[1]!, ipv6: '2001:db8:7301:4666::1' }] }, /is also SMAP 0's/],
  ['a bad shared address', { shared: '198.51.100', smaps: [] }, /shared address/],
  ['a tiny MTU', { shared: '198.51.100.27', smaps: [{ ...paperSmaps[0]!, mtu: 20 }] }, /bad tunnel MTU 20/],
];
for (const [name, input, message] of bad) {
  test(`a table with ${name} is refused`, (t) => {
    const e = t.throws(() => compileRangeTable(input), { instanceOf: RangeTableError });
    t.regex(e!.message, message);
  });
}

test('four thousand SMAPs of 16 ports compile and look up in O(1)', (t) => {
  const smaps = Array.from({ length: 4000 }, (_, i) => ({ name: `s${i}`, ipv6: `2001:db8::${(i + 1).toString(16)}`, first: 1024 + 16 * i, last: 1024 + 16 * i + 15 }));
  const table = compileRangeTable({ shared: '198.51.100.27', smaps });
  t.is(table.ownerOfPort(1024 + 16 * 3999 + 15), 3999);
  t.is(table.ownerOfPort(1024 + 16 * 4000), -1);
  t.is(table.smapBySource(ipv6FromText('2001:db8::fa0')!), 3999);
});

test('every SMAP is found by its own source address, and an address of none by no SMAP', (t) => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.uint8Array({ minLength: 16, maxLength: 16 }), { minLength: 1, maxLength: 60, selector: (a) => Buffer.from(a).toString('hex') }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (addrs, other) => {
      const table = compileRangeTable({ shared: '198.51.100.27', smaps: addrs.map((ipv6, i) => ({ name: `s${i}`, ipv6, first: 1024 + i, last: 1024 + i })) });
      const padded = (a: Uint8Array) => Uint8Array.of(9, 9, 9, ...a); // found at an offset too
      const known = addrs.findIndex((a) => Buffer.from(a).equals(Buffer.from(other)));
      return addrs.every((a, i) => table.smapBySource(a) === i && table.smapBySource(padded(a), 3) === i) && table.smapBySource(other) === known;
    }),
    { numRuns: 200 },
  );
  t.pass();
});

// Several shared addresses, PSID sets beside ranges.
const psidTable = () => compileRangeTable({
  shared: '198.51.100.27',
  moreShared: ['198.51.100.28'],
  smaps: [
    { name: 'room1', ipv6: '2001:db8:7301:4666::1', first: 10000, last: 11000 },
    { name: 'p5', ipv6: '2001:db8:7301:4666::3', shared: '198.51.100.28', psid: { offset: 6, length: 6, id: 5 } },
    { name: 'p6', ipv6: '2001:db8:7301:4666::4', shared: '198.51.100.28', psid: { offset: 6, length: 6, id: 6 } },
  ],
});

test('a port is owned per shared address: the same port of two addresses belongs to two SMAPs', (t) => {
  const table = psidTable();
  t.deepEqual(table.sharedAddresses.map((a) => [...a]), [[198, 51, 100, 27], [198, 51, 100, 28]]);
  t.is(table.sharedIndex(Uint8Array.of(198, 51, 100, 28)), 1);
  t.is(table.sharedIndex(Uint8Array.of(9, 198, 51, 100, 27), 1), 0);
  t.is(table.sharedIndex(Uint8Array.of(198, 51, 100, 29)), -1);
  // 10320 = 10 * 1024 + 5 * 16: room1's on .27, PSID 5's on .28.
  t.is(table.ownerOfPort(10320, 0), 0);
  t.is(table.ownerOfPort(10320, 1), 1);
  t.is(table.ownerOfPort(10320 + 16, 1), 2);
  t.is(table.ownerOfPort(10320 + 32, 1), -1);
  t.is(table.ownerOfPort(5 * 16, 1), -1, 'A = 0: below 1024, nobody');
  t.is(table.ownerOfPort(10320, 2), -1, 'no third address');
  t.deepEqual(table.smaps.map((s) => s.sharedIndex), [0, 1, 1]);
  t.deepEqual(describeRangeTable(table)[1], '198.51.100.28 p5 psid 5/6 offset 6 -> 2001:db8:7301:4666::3 mtu 1460');
});

const badPsid: [string, Parameters<typeof compileRangeTable>[0], RegExp][] = [
  ['two PSID sets that share ports', { shared: '198.51.100.27', smaps: [
    { name: 'a', ipv6: '2001:db8::1', psid: { offset: 6, length: 6, id: 5 } },
    { name: 'b', ipv6: '2001:db8::2', psid: { offset: 6, length: 8, id: 21 } },
  ] }, /^SMAP 1 \(b\): psid 21\/8 offset 6 overlaps a's psid 5\/6 offset 6 at port 1108$/],
  ['a PSID set over a range', { shared: '198.51.100.27', smaps: [
    { name: 'r', ipv6: '2001:db8::1', first: 3000, last: 3100 },
    { name: 'p', ipv6: '2001:db8::2', psid: { offset: 6, length: 6, id: 59 } },
  ] }, /^SMAP 1 \(p\): psid 59\/6 offset 6 overlaps r's 3000-3100 at port 3000$/],
  ['an overlap on the second address, which it names', { shared: '198.51.100.27', moreShared: ['198.51.100.28'], smaps: [
    { name: 'a', ipv6: '2001:db8::1', shared: '198.51.100.28', first: 3000, last: 3100 },
    { name: 'b', ipv6: '2001:db8::2', shared: '198.51.100.28', first: 3100, last: 3200 },
  ] }, /^SMAP 1 \(b\): range 3100-3200 overlaps a's 3000-3100 at port 3100 of 198.51.100.28$/],
  ['an offset that would share ports below 1024', { shared: '198.51.100.27', smaps: [{ name: 'a', ipv6: '2001:db8::1', psid: { offset: 7, length: 6, id: 5 } }] }, /SMAP 0 \(a\): bad PSID offset: expected 1 to 6/],
  ['a PSID too long for its bits', { shared: '198.51.100.27', smaps: [{ name: 'a', ipv6: '2001:db8::1', psid: { offset: 6, length: 6, id: 64 } }] }, /bad PSID id: expected 0 to 63/],
  ['a SMAP on an address the table has not', { shared: '198.51.100.27', smaps: [{ name: 'a', ipv6: '2001:db8::1', shared: '198.51.100.29', first: 2000, last: 2001 }] }, /SMAP 0 \(a\): 198.51.100.29 is not a shared address of the table \(198.51.100.27\)/],
  ['one shared address twice', { shared: '198.51.100.27', moreShared: ['198.51.100.27'], smaps: [] }, /shared address 198.51.100.27 is given twice/],
];
for (const [name, input, message] of badPsid) {
  test(`a table with ${name} is refused`, (t) => {
    const e = t.throws(() => compileRangeTable(input), { instanceOf: RangeTableError });
    t.regex(e!.message, message);
  });
}

test('65,536 PSID bindings (64 of length 6 on each of 1,024 addresses) compile, each port found at its SMAP', (t) => {
  const addresses = Array.from({ length: 1024 }, (_, i) => `10.${i >> 8}.${i & 255}.1`);
  const smaps = addresses.flatMap((shared, a) => Array.from({ length: 64 }, (_, id) => ({
    name: `s${a}-${id}`, ipv6: `2001:db8:${a.toString(16)}::${(id + 1).toString(16)}`, shared, psid: { offset: 6, length: 6, id },
  })));
  const table = compileRangeTable({ shared: addresses[0]!, moreShared: addresses.slice(1), smaps });
  t.is(table.smaps.length, 65536);
  t.is(table.ownerOfPort(1024 + 37 * 16, 700), 700 * 64 + 37);
  t.is(table.ownerOfPort(65535, 1023), 1023 * 64 + 63);
  t.is(table.ownerOfPort(1023, 1023), -1);
  t.is(table.sharedIndex(Uint8Array.of(10, 2, 188, 1)), 700);
  t.is(table.smapBySource(ipv6FromText('2001:db8:2bc::26')!), 700 * 64 + 37);
});
