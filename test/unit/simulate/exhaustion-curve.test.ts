// P(exhaustion) from the need's CDF equals a count of the users whose need
// is more than the size, over a population written out by hand and over
// random ones; the curve's points are where it steps, the sizes asked for and its ends.
import test from 'ava';
import fc from 'fast-check';
import { exhaustionAt, exhaustionCurve, PeakHistogram, sizeAnswers } from '../../../sim/simulate';

/** The need of each user of a small population: three at 0, one at 5, four at 12, two at 40. */
const NEEDS = [12, 0, 40, 5, 12, 0, 12, 40, 0, 12];

const cdfOf = (needs: readonly number[]) => {
  const h = new PeakHistogram();
  for (const n of needs) h.add(n);
  return { h, cdf: h.cdf() };
};
const naive = (needs: readonly number[], size: number) => needs.filter((n) => n > size).length / needs.length;
/** Equal but for the last bits: 1 - 0.7 is not 0.3 in floating point. */
const near = (a: number, b: number) => Math.abs(a - b) < 1e-12;

test('the fraction of users whose need is more than the size, at every size of the hand-made population', (t) => {
  const { cdf } = cdfOf(NEEDS);
  t.deepEqual(cdf, [[0, 0.3], [5, 0.4], [12, 0.8], [40, 1]]);
  for (let size = 0; size <= 45; size++) t.true(near(exhaustionAt(cdf, size), naive(NEEDS, size)), `size ${size}`);
  // Read off by hand: a user of need 12 is served by 12 ports, not by 11.
  t.true(near(exhaustionAt(cdf, 4), 0.7));
  t.true(near(exhaustionAt(cdf, 11), 0.6));
  t.true(near(exhaustionAt(cdf, 12), 0.2));
  t.is(exhaustionAt(cdf, 40), 0);
});

test('below the least need every user runs out; no users, no exhaustion (as sizeAnswers)', (t) => {
  t.is(exhaustionAt([[38, 1]], 37), 1);
  t.is(exhaustionAt([[38, 1]], 38), 0);
  t.is(exhaustionAt([], 10), 0);
  t.deepEqual(sizeAnswers(new PeakHistogram(), [10]).map((a) => a.exhaustion), [0]);
});

test('the curve: a point at 1, at each need where it steps down, at each size asked for and at the end, ascending', (t) => {
  const { cdf } = cdfOf(NEEDS);
  const curve = exhaustionCurve(cdf, [10, 5, 1000], 64512);
  t.deepEqual(curve.map(([s]) => s), [1, 5, 10, 12, 40, 1000, 64512]);
  t.true(curve.every(([s, p]) => near(p, naive(NEEDS, s))));
  // Need 0 is below any set: no point at 0 (a log axis has none); sizes past the end are left out.
  t.deepEqual(exhaustionCurve(cdf, [70000], 100).map(([s]) => s), [1, 5, 12, 40, 100]);
});

test('on random populations, the curve agrees with the count and with sizeAnswers at every size', (t) => {
  fc.assert(fc.property(
    fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 200 }),
    fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 5 }),
    (needs, sizes) => {
      const { h, cdf } = cdfOf(needs);
      const curve = exhaustionCurve(cdf, sizes, 400);
      for (const [size, p] of curve) if (!near(p, naive(needs, size))) return false;
      for (const a of sizeAnswers(h, sizes)) if (!near(a.exhaustion, exhaustionAt(cdf, a.size))) return false;
      // Never up as the set grows.
      return curve.every(([, p], i) => i === 0 || p <= curve[i - 1]![1]);
    },
  ), { numRuns: 200 });
  t.pass();
});
