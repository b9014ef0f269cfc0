// A bad simulation spec gets one line naming file, line and key, and exit 2.
import test from 'ava';
import { loadSimulation } from '../../../sim/simulate';
import { cli, tempFile } from '../../helpers/cli';

const GOOD = 'name: s\nusers: 10\nmix:\n  - { profile: gmail, percent: 100 }\nsizes: [10]\n';

const rejects = test.macro({
  exec(t, text: string, expected: string) {
    const e = t.throws(() => loadSimulation('simulations/bad.yaml', { text }));
    t.is(e?.message, `simulations/bad.yaml${expected}`);
  },
  title: (given = '') => `rejects ${given}`,
});

test('a misspelt key', rejects, GOOD.replace('users', 'usres'), ':2: unknown key `usres` (did you mean `users`?)');
test('percents that do not add up to 100', rejects,
  GOOD.replace('percent: 100 }', 'percent: 60 }\n  - { profile: skype, percent: 30 }'), ':3 mix: the percents add up to 90, not 100');
test('a profile that does not exist', rejects, GOOD.replace('gmail', 'gmial'), ':4 mix[0].profile: no profile "gmial" (profiles: base, campus, game-community, game-racing, game-shooter, gmail, google-maps, im-pidgin, music-streaming, professional, skype, torrent, web-facebook, web-twitter)');
test('neither sizes nor ratios', rejects, GOOD.replace('sizes: [10]\n', ''), ':1 sizes: expected sizes or ratios to weigh');
test('a size past the shareable ports', rejects, GOOD.replace('[10]', '[10, 70000]'), ':5 sizes[1]: Too big: expected number to be <=64512');
test('a share above 1', rejects, GOOD.replace('percent: 100', 'percent: 100, share: 2'), ':4 mix[0].share: Too big: expected number to be <=1');
test('a conntrack timeout of 0', rejects, GOOD + 'conntrack: { udp: 0 }\n', ':6 conntrack.udp: expected seconds, more than 0');

test('aplus simulate exits 2 with one line for a bad spec, and for a missing file', async (t) => {
  const bad = await cli('simulate', tempFile('s.yaml', GOOD.replace('users: 10', 'users: 0')));
  t.is(bad.code, 2);
  t.regex(bad.err, /^aplus: \S+s\.yaml:2 users: Too small: expected number to be >=1\n$/);
  const missing = await cli('simulate', '/nonexistent/s.yaml');
  t.is(missing.code, 2);
  t.is(missing.err, 'aplus: /nonexistent/s.yaml: no such file\n');
});

test('aplus simulate prints the table, and --json the same answers as data', async (t) => {
  const file = tempFile('s.yaml', GOOD.replace('[10]', '[10, 100]') + 'ratios: [1000]\n');
  const text = await cli('simulate', file);
  t.is(text.code, 0, text.err);
  t.true(text.out.startsWith(`${file}: s, 10 users, seed 1; conntrack: UDP 30 s (stream 120 s), TCP TIME_WAIT 120 s; 64512 ports per address (1024-65535)\n`));
  t.regex(text.out, /\ngmail +1 +10 \(100%\) +4 +12 +16\n/);
  const json = await cli('simulate', file, '--json');
  t.is(json.code, 0, json.err);
  const r = JSON.parse(json.out) as { sizes: Array<{ size: number; ratio: number; exhaustion: number }> };
  // 1000 users per address: floor(64512 / 1000) = 64 ports each.
  t.deepEqual(r.sizes, [{ size: 10, ratio: 6451, exhaustion: 1 }, { size: 64, ratio: 1008, exhaustion: 0 }, { size: 100, ratio: 645, exhaustion: 0 }]);
});
