// The ports each profile needs at once, from the data alone, against the
// numbers the paper measured (section II) and its range verdicts (IV).
import test from 'ava';
import { demandAt, loadProfile, peakBetween, portDemand, scaleProfile, type Profile } from '../../../sim/traffic';

const demandOf = (name: string) => portDemand(loadProfile(name).profile);

test('web-facebook needs more than 10 ports at once: 10 ports is "really difficult" (IV)', (t) => {
  t.true(demandOf('web-facebook').max.total > 10);
  t.is(demandOf('web-facebook').max.total, 138);
});

test('web-facebook peaks at 90 DNS lookups and ends with 46 HTTP ports (II-B1, Fig. 2)', (t) => {
  const d = demandOf('web-facebook');
  t.is(d.max.dns, 90);
  t.is(d.max.http, 46);
  t.is(demandAt(d, 29.9).http, 46);
});

test('web-twitter peaks at 109 DNS lookups and 32 HTTP ports (II-B1, Fig. 3)', (t) => {
  t.like(demandOf('web-twitter').max, { dns: 109, http: 32 });
});

test('professional use stays under 200 ports (IV) but needs more than 10', (t) => {
  const { max } = demandOf('professional');
  t.true(max.total < 200);
  t.is(max.total, 172);
});

test('Pidgin makes 30 DNS lookups at once at login (II-B3, Fig. 10)', (t) => {
  t.is(demandOf('im-pidgin').max.dns, 30);
});

test('Skype makes fewer than 10 DNS lookups and fewer than 5 HTTP and HTTPS ports (II-B3, Fig. 11)', (t) => {
  const { max } = demandOf('skype');
  t.true(max.dns < 10 && max.http < 5 && max.https < 5);
  t.like(max, { dns: 8, http: 3, https: 3 });
});

test('the torrent opens more than 400 ports at once for 41 min 20 s (II-B4, Fig. 12)', (t) => {
  const d = demandOf('torrent');
  t.true(d.max.total > 400);
  t.is(d.end, 2480);
  t.is(demandAt(d, 1000).other, 421); // 420 peers and the DHT flow
});

test('WipEout HD uses exactly 6 ports while racing (II-C, Fig. 14)', (t) => {
  const d = demandOf('game-racing');
  t.is(peakBetween(d, 40, 160).total, 6);
  t.is(demandAt(d, 100).total, 6);
  t.true(peakBetween(d, 0, 40).total > 6); // the search uses more
});

test('LittleBigPlanet makes no DNS lookup and uses no port once playing (II-C, Fig. 15)', (t) => {
  const d = demandOf('game-community');
  t.is(d.max.dns, 0);
  t.is(peakBetween(d, 50, 110).total, 0);
});

test('Vidzone does nothing once the title is downloaded (II-C, Fig. 13)', (t) => {
  t.is(peakBetween(demandOf('music-streaming'), 60, 90).total, 0);
});

test('the base consumption leaves one port at the end (II-B, Fig. 1)', (t) => {
  t.deepEqual(demandAt(demandOf('base'), 35), { dns: 0, http: 0, https: 1, other: 0, total: 1 });
});

test('the campus stays under 4000 ports with HTTP(S) about 70% of them (II-D, Fig. 20), TIME_WAIT included', (t) => {
  const { max, average } = demandOf('campus');
  t.is(max.total, 2140);
  // Fig. 20 counts conntrack entries: closed connections linger 120 s in TIME_WAIT.
  const evening = loadProfile('campus').profile.phases[0]!;
  const perSecond = evening.activities.reduce((n, a) => n + (a.kind === 'tcp' && a.hold < evening.duration ? a.count : 0), 0) / evening.duration;
  t.true(max.total + perSecond * 120 < 4000, `${max.total} live + ${perSecond * 120} in TIME_WAIT`);
  const share = (average.http + average.https) / average.total;
  t.is(Math.round(share * 1000) / 10, 67.7);
  t.is(max.dns, 0); // DNS goes to the campus resolver (II-D1)
});

test('waves: 5 items at most 2 at once, 10 s each, start at 0, 10 and 20', (t) => {
  const p: Profile = {
    name: 'w', description: 'w', source: { paper: 'II', numbers: ['x'] },
    phases: [{ name: 'p', start: 0, duration: 60, activities: [{ kind: 'tcp', port: 8080, at: 0, count: 5, concurrency: 2, hold: 10, bytesUp: 0, bytesDown: 0 }] }],
  };
  t.deepEqual(portDemand(p).series.map((s) => [s.at, s.other]), [[0, 2], [20, 1], [30, 0]]);
  t.is(portDemand(p).average.other, 50 / 60);
});

test('no wave starts after its phase ends, though a started one keeps its ports', (t) => {
  const p: Profile = {
    name: 'w', description: 'w', source: { paper: 'II', numbers: ['x'] },
    phases: [{ name: 'p', start: 0, duration: 15, activities: [{ kind: 'dns', at: 0, count: 30, concurrency: 10, interval: 10, hold: 30, names: ['a.test'] }] }],
  };
  const d = portDemand(p);
  t.is(d.max.dns, 20);
  t.is(d.end, 40);
});

test('scaling the time keeps every peak: a 3 s Facebook needs the same ports', (t) => {
  const { profile } = loadProfile('web-facebook');
  const fast = portDemand(scaleProfile(profile, { duration: 3 }));
  t.deepEqual(fast.max, demandOf('web-facebook').max);
  t.is(fast.end, 4);
});
