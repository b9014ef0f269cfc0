// Assertions against measured data: verdicts with what was expected, what
// was measured, and one line saying it; `expect: fail` for the paper's bugs.
import test from 'ava';
import { assertionSchema, evaluate, evaluateAssertion, type AssertionInput, type Measured } from '../../../sim/assert';

const flows = (client: string, smap: string, profile: string, ok: number, failed: number, reason = 'timeout') => [
  ...Array.from({ length: ok }, () => ({ client, smap, profile, ok: true })),
  ...Array.from({ length: failed }, () => ({ client, smap, profile, ok: false, reason })),
];

const sample = (smap: string, at: number, total: number, rangeSize: number, outOfRange = 0) =>
  ({ at, smap, rangeSize, total, dns: Math.floor(total / 2), http: total - Math.floor(total / 2), https: 0, other: 0, outOfRange });

const run: Measured = {
  flows: [...flows('b', 'room1', 'web-facebook', 39, 1), ...flows('c', 'room2', 'torrent', 5, 5, 'ports-exhausted')],
  ports: [sample('room1', 0, 12, 1001), sample('room1', 10, 138, 1001), sample('room2', 0, 10, 10), sample('room2', 10, 10, 10, 2)],
  counters: {
    prr: { drops: { 'no-owner': 0, icmp: 4, fragment: 1 } },
    room1: { drops: {} },
  },
};

const verdict = (a: AssertionInput) => evaluateAssertion(assertionSchema.parse(a), run);

test('delivery of client b: 39 of 40 is 97.5%, short of 99%', (t) => {
  const v = verdict({ check: 'delivery', client: 'b', atLeast: 0.99 });
  t.like(v, { pass: false, outcome: 'fail', expected: 'at least 99% delivered', actual: '97.5% (39 of 40; failed: timeout 1)' });
  t.is(v.message, 'delivery client=b: failed: expected at least 99% delivered, got 97.5% (39 of 40; failed: timeout 1)');
});

test('delivery per profile and per SMAP', (t) => {
  t.true(verdict({ check: 'delivery', profile: 'web-facebook', atLeast: 0.95 }).pass);
  t.like(verdict({ check: 'delivery', smap: 'room2', atLeast: 0.5 }), { pass: true, actual: '50% (5 of 10; failed: ports-exhausted 5)' });
});

test('the most ports at once on room1 is 138: at most 200, at least 10', (t) => {
  const v = verdict({ check: 'ports', smap: 'room1', atLeast: 10, atMost: 200 });
  t.like(v, { pass: true, expected: 'at least 10 and at most 200 ports at once', actual: '138 at the most, over 2 samples' });
  t.is(v.message, 'ports smap=room1 class=total: ok: expected at least 10 and at most 200 ports at once, got 138 at the most, over 2 samples');
  t.like(verdict({ check: 'ports', smap: 'room1', class: 'dns', equals: 69 }), { pass: true, expected: 'exactly 69 dns ports at once' });
});

test('ports outside the range are reported as a failure', (t) => {
  t.like(verdict({ check: 'within-range', smap: 'room2' }), { pass: false, actual: '2 outside, in 1 of 2 samples' });
  t.like(verdict({ check: 'within-range', smap: 'room1' }), { pass: true, actual: 'none in 2 samples' });
});

test('exhaustion: room2\'s 10 ports ran out, room1\'s 1001 did not', (t) => {
  t.like(verdict({ check: 'exhaustion', smap: 'room2', expected: true }), {
    pass: true, actual: 'exhausted (at most 10 of 10 ports of one protocol; 5 flows failed with ports-exhausted)',
  });
  t.like(verdict({ check: 'exhaustion', smap: 'room1', expected: false }), { pass: true, actual: 'not exhausted (at most 138 of 1001 ports of one protocol)' });
  t.false(verdict({ check: 'exhaustion', smap: 'room1', expected: true }).pass);
});

test('drop counters by reason and in total', (t) => {
  t.like(verdict({ check: 'drops', node: 'prr', reason: 'no-owner', equals: 0 }), { pass: true, actual: '0' });
  t.like(verdict({ check: 'drops', node: 'prr', reason: 'total', atMost: 3 }), { pass: false, expected: 'at most 3 drops in total', actual: '5' });
  t.like(verdict({ check: 'drops', node: 'room1', reason: 'spoofed-port', atMost: 0 }), { pass: true, actual: '0' });
});

test('expect: fail passes while the paper\'s ICMP bug is there, and says so', (t) => {
  // The check "no ICMP dropped at the PRR" fails: 4 were; the bug (paper III) is still there.
  const v = verdict({ check: 'drops', node: 'prr', reason: 'icmp', equals: 0, expect: 'fail', because: 'ICMP does not cross the PRR (paper III)' });
  t.like(v, { pass: true, outcome: 'fail', expectFail: true });
  t.is(v.message, 'drops node=prr reason=icmp: fails as expected (known: ICMP does not cross the PRR (paper III)): expected exactly 0 icmp drops, got 4');
});

test('expect: fail fails once the bug is fixed, and says to remove the marker', (t) => {
  const v = verdict({ check: 'drops', node: 'prr', reason: 'no-owner', equals: 0, expect: 'fail', because: 'a made-up bug' });
  t.like(v, { pass: false, outcome: 'pass' });
  t.is(v.message, 'drops node=prr reason=no-owner: expected to fail (known: a made-up bug) but passed: expected exactly 0 no-owner drops, got 0; the bug looks fixed, remove expect: fail');
});

test('no data never passes, even with expect: fail', (t) => {
  const v = verdict({ check: 'drops', node: 'room9', reason: 'icmp', equals: 0, expect: 'fail', because: 'x' });
  t.like(v, { pass: false, outcome: 'no-data', actual: 'no counters for room9' });
  t.is(v.message, 'drops node=room9 reason=icmp: no data: no counters for room9');
  t.like(verdict({ check: 'delivery', client: 'nobody', atLeast: 0.5 }), { pass: false, outcome: 'no-data' });
  t.like(verdict({ check: 'ports', smap: 'room9', atMost: 5 }), { pass: false, outcome: 'no-data' });
});

test('a name replaces the generated title; verdicts keep their order', (t) => {
  const vs = evaluate(
    [assertionSchema.parse({ check: 'within-range', name: 'every port in its range' }), assertionSchema.parse({ check: 'delivery', atLeast: 0.5 })],
    run,
  );
  t.deepEqual(vs.map((v) => [v.index, v.title, v.pass]), [[0, 'every port in its range', false], [1, 'delivery', true]]);
});
