import test from 'ava';
import { Counters } from '../../../sim/aplus/core';
import { addonDropsInto } from '../../../sim/aplus/daemon/addon-drops';

test("the addon's drops are counted under their own reasons, the TUN device's and the raw socket's summed", (t) => {
  const counters = new Counters();
  const addon = addonDropsInto(counters);
  t.deepEqual(addon.update('tun', { shortReads: 2, badCsumOffsets: 1, noBuffer: 0 }), ['tun-short-read', 'bad-csum-offset']);
  t.deepEqual(addon.update('raw', { shortReads: 0, badCsumOffsets: 0, noBuffer: 5 }), ['no-buffer'], 'only a reason not seen before is news');
  t.deepEqual(addon.update('tun', { shortReads: 3, badCsumOffsets: 1, noBuffer: 4 }), []);
  t.like(counters.toJSON().drops, { 'tun-short-read': 3, 'bad-csum-offset': 1, 'no-buffer': 9 });
  t.is(counters.totalDrops(), 13);
});
