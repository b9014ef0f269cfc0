// The pmtu search: the largest size that fits, in few steps.
import test from 'ava';
import fc from 'fast-check';
import { searchLargest } from '../../../sim/probes/path-mtu-search';

const upTo = (mtu: number) => (size: number) => size <= mtu;

test('a path that carries the interface MTU takes one step', (t) => {
  t.deepEqual(searchLargest(68, 1500, upTo(1500)), { largest: 1500, steps: [{ size: 1500, fits: true }] });
});

test('a 1400-byte path behind a 1500-byte interface is found by bisection', (t) => {
  const r = searchLargest(68, 1500, upTo(1400));
  t.is(r.largest, 1400);
  t.deepEqual(r.steps.slice(0, 3), [{ size: 1500, fits: false }, { size: 68, fits: true }, { size: 784, fits: true }]);
  t.true(r.steps.length <= 13);
});

test('when nothing gets through, it stops after the largest and the smallest', (t) => {
  t.deepEqual(searchLargest(68, 1500, () => false), { largest: undefined, steps: [{ size: 1500, fits: false }, { size: 68, fits: false }] });
  t.throws(() => searchLargest(1500, 68, upTo(1400)), { instanceOf: RangeError });
});

test('any path MTU between the bounds is found, in at most log2 of the range plus two steps', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 68, max: 9000 }), fc.integer({ min: 0, max: 9000 }), (max, mtu) => {
      const r = searchLargest(68, max, upTo(mtu));
      const expected = mtu < 68 ? undefined : Math.min(mtu, max);
      return r.largest === expected && r.steps.length <= 2 + Math.ceil(Math.log2(max - 68 + 1));
    }),
  );
  t.pass();
});
