// Stalls: no progress for stallMs, ended by progress, counted with the longest.
import test from 'ava';
import { StallWatch } from '../../../sim/probes/stall-watch';

test('steady progress is no stall', (t) => {
  const w = new StallWatch(1000, 0);
  for (let ms = 100; ms <= 5000; ms += 100) w.sample(ms * 10, ms);
  t.like(w, { stalls: 0, longestStallMs: 0, stalled: false });
});

test('a quiet second is a stall that lasts until bytes move again', (t) => {
  const w = new StallWatch(1000, 0);
  w.sample(500, 100);
  w.sample(500, 1000);
  t.false(w.stalled);
  w.sample(500, 1100);
  t.like(w, { stalled: true, stalls: 1, longestStallMs: 1000 });
  w.sample(500, 2600);
  t.is(w.longestStallMs, 2500);
  w.sample(800, 2700);
  t.like(w, { stalled: false, stalls: 1, longestStallMs: 2600 });
});

test('two stalls count twice and keep the longest', (t) => {
  const w = new StallWatch(500, 0);
  for (const [bytes, at] of [[0, 600], [10, 700], [10, 1900], [20, 2000], [20, 2600]] as const) w.sample(bytes, at);
  t.like(w, { stalls: 3, longestStallMs: 1300, stalled: true });
});

test('nothing ever moving is one stall as long as the watch', (t) => {
  const w = new StallWatch(2000, 10_000);
  for (let at = 10_100; at <= 16_000; at += 100) w.sample(0, at);
  t.like(w, { stalls: 1, longestStallMs: 6000, stalled: true });
});
