import test from 'ava';
import {
  compileRangeTable,
  ConfigError,
  formatPaperConfig,
  formatPortSet,
  paperConfigToRangeTableInput,
  parsePaperConfig,
} from '../../../sim/aplus/core';
import { ipv4ToText, ipv6ToText } from '../../../sim/aplus/codec';

// Verbatim from the brief (paper III-C1 with documentation addresses).
const PAPER = `PrrAddrV4 198.51.100.26
PrrAddrV6 2001:db8:7301:d002::711
IPv4Shared 198.51.100.27
Cpe1AddrV6 2001:db8:7301:4666::1
Cpe1PortRange 10000-11000
Cpe2AddrV6 2001:db8:7301:4666::2
Cpe2PortRange 11001-12000
`;

test('the paper\'s configuration file parses as written', (t) => {
  const cfg = parsePaperConfig(PAPER);
  t.is(ipv4ToText(cfg.prrAddrV4), '198.51.100.26');
  t.is(ipv6ToText(cfg.prrAddrV6), '2001:db8:7301:d002::711');
  t.is(ipv4ToText(cfg.shared), '198.51.100.27');
  t.deepEqual(
    cfg.cpes.map((c) => [c.n, c.name, ipv6ToText(c.addrV6), formatPortSet(c), c.mtu]),
    [
      [1, 'cpe1', '2001:db8:7301:4666::1', '10000-11000', undefined],
      [2, 'cpe2', '2001:db8:7301:4666::2', '11001-12000', undefined],
    ],
  );
});

test('writing the parsed paper file gives the same text back', (t) => {
  t.is(formatPaperConfig(parsePaperConfig(PAPER)), PAPER);
});

test('comments, blank lines, tabs, any key order and the Name/Mtu extensions are accepted', (t) => {
  const text = `# the PRR of the 2010 experiment\n\nCpe2PortRange\t11001-12000\nCpe2AddrV6 2001:db8:7301:4666::2   # room 2, SixXS\nCpe2Name room2\nCpe2Mtu 1240\nIPv4Shared 198.51.100.27\nPrrAddrV6 2001:db8:7301:d002::711\nPrrAddrV4 198.51.100.26\nCpe1AddrV6 2001:db8:7301:4666::1\nCpe1PortRange 10000-11000\nCpe1Mtu 1420\n`;
  const cfg = parsePaperConfig(text);
  t.deepEqual(cfg.cpes.map((c) => [c.name, c.mtu]), [['cpe1', 1420], ['room2', 1240]]);
  t.is(formatPaperConfig(cfg), `${PAPER.replace('11000\n', '11000\nCpe1Mtu 1420\n')}Cpe2Name room2\nCpe2Mtu 1240\n`);
});

test('the parsed config compiles into the range table the PRR uses', (t) => {
  const table = compileRangeTable(paperConfigToRangeTableInput(parsePaperConfig(PAPER)));
  t.is(table.ownerOfPort(11000), 0);
  t.is(table.ownerOfPort(11001), 1);
  t.is(table.smaps[1]!.name, 'cpe2');
  t.is(table.smaps[0]!.mtu, 1460);
});

const errors: [string, string, number, RegExp][] = [
  ['an unknown key', PAPER.replace('Cpe2PortRange', 'Cpe2Ports'), 7, /unknown key "Cpe2Ports"/],
  ['a bad IPv4 address', PAPER.replace('198.51.100.27', '198.51.100.277'), 3, /IPv4Shared: "198.51.100.277" is not an IPv4 address/],
  ['a bad IPv6 address', PAPER.replace('4666::1', '4666:::1'), 4, /Cpe1AddrV6: "2001:db8:7301:4666:::1" is not an IPv6 address/],
  ['a range but no address', PAPER.replace('Cpe2AddrV6 2001:db8:7301:4666::2\n', ''), 6, /Cpe2 has no Cpe2AddrV6/],
  ['an address but no range', PAPER.replace('Cpe2PortRange 11001-12000\n', ''), 6, /Cpe2 has no Cpe2PortRange/],
  ['overlapping ranges', PAPER.replace('11001-12000', '10500-12000'), 7, /Cpe2PortRange 10500-12000 overlaps Cpe1PortRange 10000-11000 \(line 5\)/],
  ['a reversed range', PAPER.replace('11001-12000', '12000-11001'), 7, /not a range/],
  ['a range under 1024', PAPER.replace('11001-12000', '80-90'), 7, /starts below 1024/],
  ['a key given twice', `${PAPER}IPv4Shared 198.51.100.28\n`, 8, /IPv4Shared already set on line 3/],
  ['a line with three words', PAPER.replace('Cpe1PortRange 10000-11000', 'Cpe1PortRange 10000 - 11000'), 5, /expected "<key> <value>", got 4 word/],
  ['a bad MTU', `${PAPER}Cpe1Mtu big\n`, 8, /Cpe1Mtu: "big" is not an MTU/],
  ['a missing PrrAddrV4', PAPER.replace('PrrAddrV4 198.51.100.26\n', ''), 0, /missing PrrAddrV4/],
  ['the same address twice', PAPER.replace('4666::2', '4666::1'), 6, /Cpe2AddrV6 2001:db8:7301:4666::1 is also Cpe1's \(line 4\)/],
  // A CPE that clashes with several earlier ones is told about the earliest, its range before its address.
  ['a range over two earlier ones', `${PAPER}Cpe3AddrV6 2001:db8:7301:4666::3\nCpe3PortRange 10900-11100\n`, 9, /Cpe3PortRange 10900-11100 overlaps Cpe1PortRange 10000-11000 \(line 5\)/],
  ['an earlier address and a later range', `${PAPER}Cpe3AddrV6 2001:db8:7301:4666::1\nCpe3PortRange 11500-11600\n`, 8, /Cpe3AddrV6 2001:db8:7301:4666::1 is also Cpe1's \(line 4\)/],
  ['a range and an address of one earlier CPE', `${PAPER}Cpe3AddrV6 2001:db8:7301:4666::2\nCpe3PortRange 11500-11600\n`, 9, /Cpe3PortRange 11500-11600 overlaps Cpe2PortRange 11001-12000 \(line 7\)/],
];
for (const [name, text, line, message] of errors) {
  test(`a config with ${name} is refused at line ${line}`, (t) => {
    const e = t.throws(() => parsePaperConfig(text, 'prr.conf'), { instanceOf: ConfigError });
    t.is(e!.line, line);
    t.regex(e!.message, message);
    if (line > 0) t.true(e!.message.startsWith(`prr.conf:${line}: `));
  });
}

// aplus's extensions: more shared addresses, and RFC 7597 port sets.
const PSID = `${PAPER}IPv4Shared2 198.51.100.28
Cpe3AddrV6 2001:db8:7301:4666::3
Cpe3Psid 5/6
Cpe3PsidOffset 6
Cpe3Shared 198.51.100.28
Cpe4AddrV6 2001:db8:7301:4666::4
Cpe4Psid 6/6
Cpe4Shared 198.51.100.28
`;

test('PSID sets on a second shared address parse beside the paper\'s ranges, and compile into the PRR\'s table', (t) => {
  const cfg = parsePaperConfig(PSID);
  t.deepEqual(cfg.moreShared.map(ipv4ToText), ['198.51.100.28']);
  t.deepEqual(cfg.cpes.map((c) => [c.name, formatPortSet(c), c.shared && ipv4ToText(c.shared)]), [
    ['cpe1', '10000-11000', undefined],
    ['cpe2', '11001-12000', undefined],
    ['cpe3', 'psid 5/6 offset 6', '198.51.100.28'],
    ['cpe4', 'psid 6/6 offset 6', '198.51.100.28'],
  ]);
  const table = compileRangeTable(paperConfigToRangeTableInput(cfg));
  t.is(table.ownerOfPort(10320, 1), 2);
  t.is(table.ownerOfPort(10336, 1), 3);
  t.is(table.ownerOfPort(10320, 0), 0);
});

test('a PSID configuration is written back with its keys in the paper\'s order, the default offset left unsaid, and reads the same', (t) => {
  const text = formatPaperConfig(parsePaperConfig(PSID));
  t.is(text, `PrrAddrV4 198.51.100.26
PrrAddrV6 2001:db8:7301:d002::711
IPv4Shared 198.51.100.27
IPv4Shared2 198.51.100.28
Cpe1AddrV6 2001:db8:7301:4666::1
Cpe1PortRange 10000-11000
Cpe2AddrV6 2001:db8:7301:4666::2
Cpe2PortRange 11001-12000
Cpe3AddrV6 2001:db8:7301:4666::3
Cpe3Psid 5/6
Cpe3Shared 198.51.100.28
Cpe4AddrV6 2001:db8:7301:4666::4
Cpe4Psid 6/6
Cpe4Shared 198.51.100.28
`);
  t.deepEqual(parsePaperConfig(text), parsePaperConfig(PSID));
  t.regex(formatPaperConfig(parsePaperConfig(PSID.replace('Cpe3PsidOffset 6', 'Cpe3PsidOffset 4'))), /Cpe3Psid 5\/6\nCpe3PsidOffset 4\n/);
});

const psidErrors: [string, string, number, RegExp][] = [
  ['a CPE on an address no IPv4Shared gives', PSID.replace('Cpe4Shared 198.51.100.28', 'Cpe4Shared 198.51.100.29'), 15, /Cpe4Shared 198.51.100.29 is neither IPv4Shared nor an IPv4SharedN/],
  ['a CPE shared address that is no address', PSID.replace('Cpe4Shared 198.51.100.28', 'Cpe4Shared 198.51.100.0028'), 15, /Cpe4Shared: "198.51.100.0028" is not an IPv4 address/],
  ['a second shared address that is the first', PSID.replace('IPv4Shared2 198.51.100.28', 'IPv4Shared2 198.51.100.27'), 8, /IPv4Shared2 198.51.100.27 is also IPv4Shared/],
  ['IPv4Shared2 twice', `${PSID}IPv4Shared2 198.51.100.30\n`, 16, /IPv4Shared2 already set on line 8/],
  ['a PSID without its length', PSID.replace('Cpe4Psid 6/6', 'Cpe4Psid 6'), 14, /Cpe4Psid: "6" is not a PSID and its length in bits, like 52\/8/],
  ['a range and a PSID for one CPE', `${PSID}Cpe1Psid 7/6\n`, 16, /Cpe1 has both Cpe1PortRange \(line 5\) and Cpe1Psid/],
  ['an offset beside a range', `${PSID}Cpe1PsidOffset 6\n`, 16, /Cpe1PsidOffset goes with a Cpe1Psid/],
  ['an offset that would share ports below 1024', PSID.replace('Cpe3PsidOffset 6', 'Cpe3PsidOffset 7'), 11, /Cpe3PsidOffset 5\/6, offset 7: PSID offset expected 1 to 6/],
  ['a PSID past its length', PSID.replace('Cpe4Psid 6/6', 'Cpe4Psid 64/6'), 14, /Cpe4Psid 64\/6, offset 6: PSID id expected 0 to 63 \(a PSID of 6 bits\), got 64/],
  ['two CPEs with one PSID', PSID.replace('Cpe4Psid 6/6', 'Cpe4Psid 5/6'), 14, /Cpe4Psid 5\/6 \(offset 6\) overlaps Cpe3Psid 5\/6 \(offset 6\) \(line 10\) at port 1104 of 198.51.100.28/],
  ['a PSID set over a range of the same address', PSID.replace('Cpe3Shared 198.51.100.28\n', ''), 10, /Cpe3Psid 5\/6 \(offset 6\) overlaps Cpe1PortRange 10000-11000 \(line 5\) at port 10320 of 198.51.100.27/],
];
for (const [name, text, line, message] of psidErrors) {
  test(`a config with ${name} is refused at line ${line}`, (t) => {
    const e = t.throws(() => parsePaperConfig(text, 'prr.conf'), { instanceOf: ConfigError });
    t.regex(e!.message, message);
    t.is(e!.line, line);
  });
}
