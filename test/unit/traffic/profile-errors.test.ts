// A bad profile gets one line naming file, line and key, like a topology.
import test from 'ava';
import { loadProfileFile, loadProfileText } from '../../../sim/traffic';
import { tempFile } from '../../helpers/cli';

const HEAD = `name: bad
description: a profile with a mistake
source:
  paper: II-B1, Fig. 2
  numbers: [one]
phases:
`;

const rejects = test.macro({
  exec(t, phases: string, expected: string) {
    const e = t.throws(() => loadProfileText(HEAD + phases, 'profiles/bad.yaml'));
    t.is(e?.message, `profiles/bad.yaml${expected}`);
  },
  title: (given = '') => `rejects ${given}`,
});

test('an unknown activity key', rejects,
  '  - name: p\n    start: 0\n    duration: 10\n    activities:\n      - kind: tcp\n        port: 80\n        count: 3\n        hold: 5\n        colour: blue\n',
  ':15 phases[0].activities[0]: unknown key `colour` (expected one of: kind, port, at, count, concurrency, interval, hold, bytesUp, bytesDown)');
test('a misspelt activity key', rejects,
  '  - name: p\n    start: 0\n    duration: 10\n    activities:\n      - kind: tcp\n        port: 80\n        count: 3\n        hodl: 5\n',
  ':14 phases[0].activities[0]: unknown key `hodl` (did you mean `hold`?)');
test('a port past 65535', rejects,
  '  - name: p\n    start: 0\n    duration: 10\n    activities:\n      - { kind: tcp, port: 80800, count: 3, hold: 5 }\n',
  ':11 phases[0].activities[0].port: Too big: expected number to be <=65535');
test('more at once than in all', rejects,
  '  - name: p\n    start: 0\n    duration: 10\n    activities:\n      - { kind: dns, count: 3, concurrency: 5, names: [a.test] }\n',
  ':11 phases[0].activities[0].concurrency: 5 at once is more than the count 3');
test('overlapping phases', rejects,
  '  - name: p\n    start: 0\n    duration: 10\n  - name: q\n    start: 5\n    duration: 10\n',
  ':11 phases[1].start: phase starts at 5 s, before "p" ends at 10 s');
test('an activity that starts after its phase', rejects,
  '  - name: p\n    start: 0\n    duration: 10\n    activities:\n      - { kind: udp, port: 5060, at: 12, count: 1, rate: 50, size: 160 }\n',
  ':11 phases[0].activities[0].at: starts at 12 s, not inside the phase\'s 10 s');
test('a negative duration', rejects, '  - name: p\n    start: 0\n    duration: -3\n',
  ':9 phases[0].duration: expected seconds, more than 0');
test('no phases at all', rejects, '  []\n', ':6 phases: Too small: expected array to have >=1 items');

test('an unknown activity kind names the kinds there are', (t) => {
  const e = t.throws(() => loadProfileText(HEAD + '  - name: p\n    start: 0\n    duration: 10\n    activities:\n      - { kind: ftp, count: 1 }\n', 'bad.yaml'));
  t.is(e?.message, 'bad.yaml:11 phases[0].activities[0].kind: expected one of dns, tcp, udp, peers, got "ftp"');
});

test('a profile whose name is not its file name', (t) => {
  const file = tempFile('gmail.yaml', HEAD.replace('name: bad', 'name: gmail2') + '  - { name: p, start: 0, duration: 5 }\n');
  const e = t.throws(() => loadProfileFile(file));
  t.is(e?.message, `${file}:1 name: the profile's name "gmail2" differs from its file name "gmail"`);
});

test('a file that is not YAML says where', (t) => {
  const e = t.throws(() => loadProfileText('name: [unclosed\n', 'x.yaml'));
  t.regex(e?.message ?? '', /^x\.yaml:\d+: not valid YAML/);
});
