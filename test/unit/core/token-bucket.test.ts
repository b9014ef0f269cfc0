// The ICMP errors' token bucket, driven by a fake clock (ms).
import test from 'ava';
import { DEFAULT_ICMP_LIMIT, TokenBucket } from '../../../sim/aplus/core/token-bucket';

const takes = (b: TokenBucket, at: number, n: number): boolean[] => Array.from({ length: n }, () => b.take(at));

test('a full bucket lets its burst through at once, then nothing until time refills it', (t) => {
  const b = new TokenBucket({ rate: 2, burst: 3 });
  t.deepEqual(takes(b, 0, 4), [true, true, true, false]);
  t.false(b.take(499), 'one token takes 500 ms at 2 per second');
  t.true(b.take(500));
  t.false(b.take(500));
});

test('a quiet time refills the bucket to its burst, never beyond', (t) => {
  const b = new TokenBucket({ rate: 10, burst: 2 });
  t.deepEqual(takes(b, 0, 2), [true, true]);
  t.deepEqual(takes(b, 60_000, 3), [true, true, false]);
});

test('a steady stream is held to the rate: 1000 requests a second for 10 s at 100 per second pass 100 a second, plus the burst', (t) => {
  const b = new TokenBucket({ rate: 100, burst: 5 });
  let passed = 0;
  for (let ms = 0; ms < 10_000; ms++) if (b.take(ms)) passed++;
  t.is(passed, 5 + 999);
});

test('a clock that steps back adds no token', (t) => {
  const b = new TokenBucket({ rate: 1, burst: 1 });
  t.true(b.take(10_000));
  t.false(b.take(5_000));
  t.false(b.take(10_500));
  t.true(b.take(11_000));
});

test('the default is Linux\'s global ICMP limit: 1000 per second, bursts of 50', (t) => {
  t.deepEqual(DEFAULT_ICMP_LIMIT, { rate: 1000, burst: 50 });
});

test('a rate or burst that is not positive is refused', (t) => {
  t.throws(() => new TokenBucket({ rate: 0, burst: 1 }), { instanceOf: RangeError, message: /ICMP rate 0/ });
  t.throws(() => new TokenBucket({ rate: Number.NaN, burst: 1 }), { instanceOf: RangeError });
  t.throws(() => new TokenBucket({ rate: 1, burst: 0.5 }), { instanceOf: RangeError, message: /ICMP burst 0.5/ });
});
