import test from 'ava';
import {
  compileRangeTable,
  ConfigError,
  formatPaperConfig,
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
    cfg.cpes.map((c) => [c.n, c.name, ipv6ToText(c.addrV6), c.first, c.last, c.mtu]),
    [
      [1, 'cpe1', '2001:db8:7301:4666::1', 10000, 11000, undefined],
      [2, 'cpe2', '2001:db8:7301:4666::2', 11001, 12000, undefined],
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
