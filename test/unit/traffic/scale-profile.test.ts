// A speed factor or a duration override shortens a profile for CI runs.
import test from 'ava';
import { loadProfile, profileDuration, scaleProfile } from '../../../sim/traffic';

const torrent = loadProfile('torrent').profile;

test('a speed of 10 makes the 2480 s torrent last 248 s', (t) => {
  const fast = scaleProfile(torrent, { speed: 10 });
  t.is(profileDuration(fast), 248);
  t.is(fast.timeScale, 0.1);
  t.like(fast.phases[1], { start: 150, duration: 98 });
});

test('a duration override wins over speed and scales holds and intervals too', (t) => {
  const short = scaleProfile(torrent, { speed: 2, duration: 24.8 });
  t.is(short.timeScale, 0.01);
  const announce = short.phases[0]!.activities[1]!;
  t.like(announce, { kind: 'tcp', hold: 0.02, interval: 0.6, count: 25 });
});

test('counts, ports, sizes and packet rates are kept', (t) => {
  const call = scaleProfile(loadProfile('skype').profile, { speed: 5 }).phases[1]!.activities[0]!;
  t.like(call, { kind: 'udp', port: 33034, count: 1, rate: 50, size: 160 });
  t.false('hold' in call);
});

test('no options: the profile as calibrated, scale 1', (t) => {
  const same = scaleProfile(torrent);
  t.is(same.timeScale, 1);
  t.deepEqual(same.phases, torrent.phases);
});

test('a speed of 0 is bad input', (t) => {
  t.throws(() => scaleProfile(torrent, { speed: 0 }), { message: 'speed: speed must be more than 0, got 0' });
});

test('a share of 0.01 gives one host of the campus its hundredth: counts and waves, at least one each', (t) => {
  const campus = loadProfile('campus').profile;
  const host = scaleProfile(campus, { share: 0.01, duration: 60 });
  const evening = host.phases[0]!.activities.map((a) => [a.kind === 'dns' ? 'dns' : (a as { port: number }).port, a.count, 'concurrency' in a ? a.concurrency : undefined]);
  t.deepEqual(evening, [[80, 45, 9], [443, 27, 5], [6881, 8, 3], [5222, 2, undefined], [993, 1, undefined], [22, 1, undefined]]);
  t.is(profileDuration(host), 60);
  t.throws(() => scaleProfile(campus, { share: 1.5 }), { message: 'share: share must be more than 0 and at most 1, got 1.5' });
});
