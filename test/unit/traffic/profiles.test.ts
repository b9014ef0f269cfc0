// Every profile in profiles/ is valid data, named after its file, and says
// which part of the paper it is calibrated on.
import test from 'ava';
import { listProfiles, loadProfile } from '../../../sim/traffic';

const EXPECTED = [
  'base', 'campus', 'game-community', 'game-racing', 'game-shooter', 'gmail', 'google-maps',
  'im-pidgin', 'music-streaming', 'professional', 'skype', 'torrent', 'web-facebook', 'web-twitter',
];

test('profiles/ holds the fourteen profiles of the paper, one file each', (t) => {
  t.deepEqual(listProfiles(), EXPECTED);
});

for (const name of EXPECTED) {
  test(`profile ${name} validates and cites the paper's section with numbers`, (t) => {
    const { profile } = loadProfile(name);
    t.is(profile.name, name);
    t.regex(profile.source.paper, /^(II|IV)\b/);
    t.true(profile.source.numbers.length >= 1);
  });
}

test('a profile loads by path as well as by name', (t) => {
  const byPath = loadProfile('profiles/skype.yaml').profile;
  t.deepEqual(byPath, loadProfile('skype').profile);
});

test('an unknown profile name lists the known ones', (t) => {
  const e = t.throws(() => loadProfile('myspace'));
  t.is(e?.message, `profile: no profile "myspace"; known: ${EXPECTED.join(', ')}`);
});

test('defaults are filled in: DNS holds its port 30 s, as conntrack keeps a UDP entry', (t) => {
  const dns = loadProfile('gmail').profile.phases[0]!.activities[0]!;
  t.like(dns, { kind: 'dns', at: 0, hold: 30, count: 12 });
});

test('the torrent reuses fewer than 10 peers, 2 to 4 ports each (paper II-B4)', (t) => {
  const peers = loadProfile('torrent').profile.phases[0]!.activities.find((a) => a.kind === 'peers');
  t.like(peers, { kind: 'peers', port: 6881, reuse: { peers: 8, portsEach: [2, 4] } });
});
