// Counts in words.
import test from 'ava';
import { plural } from '../../sim/report/plural';

test('one of a thing is singular, none and many are plural', (t) => {
  t.deepEqual([plural(0, 'server'), plural(1, 'server'), plural(2, 'server')], ['0 servers', '1 server', '2 servers']);
  t.deepEqual([plural(1, 'traffic entry', 'traffic entries'), plural(3, 'traffic entry', 'traffic entries')], ['1 traffic entry', '3 traffic entries']);
});
