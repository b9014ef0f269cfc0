import test from 'ava';
import { Counters, DROP_REASONS } from '../../../sim/aplus/core';

test('counters add packets and bytes each way, per SMAP too', (t) => {
  const c = new Counters(2);
  c.countUpstream(100, 0);
  c.countUpstream(50, 1);
  c.countDownstream(1500, 1);
  c.countDownstream(40);
  const j = c.toJSON();
  t.deepEqual(j.upstream, { packets: 2, bytes: 150 });
  t.deepEqual(j.downstream, { packets: 2, bytes: 1540 });
  t.deepEqual(j.smaps[1], { upstream: { packets: 1, bytes: 50 }, downstream: { packets: 1, bytes: 1500 }, drops: {} });
});

test('a drop reason reports "first" once, so the daemon logs it once', (t) => {
  const c = new Counters(1);
  t.true(c.countDrop('no-owner'));
  t.false(c.countDrop('no-owner'));
  t.true(c.countDrop('spoofed-port', 0));
  t.false(c.countDrop('spoofed-port', 0));
  t.is(c.drops['no-owner'], 2);
  t.deepEqual(c.toJSON().smaps[0]!.drops, { 'spoofed-port': 2 });
  t.is(c.totalDrops(), 4);
});

test('toJSON is plain data with every drop reason, and a copy', (t) => {
  const c = new Counters();
  const j = c.toJSON();
  t.deepEqual(Object.keys(j.drops), [...DROP_REASONS]);
  t.is(j.outOfRange, 0);
  t.deepEqual(j.smaps, []);
  c.countUpstream(10);
  t.is(j.upstream.packets, 0);
  t.deepEqual(JSON.parse(JSON.stringify(c)), c.toJSON());
});
