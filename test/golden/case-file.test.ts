import test from 'ava';
import { CaseFileError, parseGoldenCase } from './case-file';

const GOOD = `# a case
path: smap-upstream
room: 1

packet: two bytes
verdict: drop malformed
in: frame.len=2
  45 00   # the start of an IPv4 header
out:
  00*3    # three zeros

counters smap: up 0/0; drop malformed 1
`;

test('a case file gives its packets, hex with repeats, fields and counters', (t) => {
  const c = parseGoldenCase(GOOD, 'x.txt');
  t.like(c, { name: 'x', path: 'smap-upstream', room: 1 });
  t.deepEqual([...c.packets[0]!.input], [0x45, 0]);
  t.deepEqual([...c.packets[0]!.output!], [0, 0, 0]);
  t.deepEqual(c.packets[0]!.inputFields, { 'frame.len': '2' });
  t.deepEqual(c.counters.get('smap')!.total, { up: { packets: 0, bytes: 0 }, down: { packets: 0, bytes: 0 }, drops: { malformed: 1 }, outOfRange: 0 });
});

test('a case file that says a wrong thing says where', (t) => {
  const bad: Array<[string, RegExp]> = [
    [GOOD.replace('45 00', '45 0g'), /^x.txt:8: "0g" is not a hex byte/],
    [GOOD.replace('path: smap-upstream', 'path: sideways'), /^x.txt:2: path "sideways"/],
    [GOOD.replace('drop malformed 1', 'dropped 1'), /^x.txt:12: "dropped 1" is none of/],
    [GOOD.replace('room: 1\n', ''), /^x.txt:1: a SMAP path needs room/],
  ];
  for (const [text, message] of bad) t.throws(() => parseGoldenCase(text, 'x.txt'), { instanceOf: CaseFileError, message });
});
