import test from 'ava';
import { compareWithKernel, routeMtu } from '../../../sim/measure/kernel-pmtu';
import { crossCheckVerdicts } from '../../../sim/scenario/cross-checks';

test('ip route get: the MTU of a route exception, locked or not, and none without one', (t) => {
  t.is(routeMtu('198.51.100.80 via 192.168.1.1 dev lan src 192.168.1.142 uid 0 \\    cache expires 597sec mtu 1420'), 1420);
  t.is(routeMtu('198.51.100.80 via 192.168.1.1 dev lan src 192.168.1.142 uid 0 \\    cache mtu lock 552'), 552);
  t.is(routeMtu('198.51.100.80 via 192.168.1.1 dev lan src 192.168.1.142 uid 0 \\    cache'), undefined);
});

test('a probe and the kernel agree when the kernel holds the smallest MTU ICMP announced, or none when none came', (t) => {
  t.true(compareWithKernel([1460, 1420], 1420).agree);
  t.true(compareWithKernel([], undefined).agree);
  t.true(compareWithKernel(undefined, undefined).agree);
  t.deepEqual(compareWithKernel([1420], undefined), { agree: false, expected: 1420 });
  t.deepEqual(compareWithKernel([], 1240), { agree: false, kernel: 1240 });
});

test('cross-check verdicts: one for the server log, one per pmtu probe, numbered after the assertions', (t) => {
  const probe = { record: 'probe', kind: 'pmtu', client: 'b', smap: 'room1', started: 0, ended: 1, ok: true } as const;
  const v = crossCheckVerdicts(3, { checked: 2, agreed: 2, missing: [], missingCount: 0, misplaced: [], misplacedCount: 0 }, [
    { ...probe, name: 'p1', icmpMtus: [1420], kernelRouteMtu: 1420 },
    { ...probe, name: 'p2', icmpMtus: [1240] },
    { ...probe, name: 'bulk', kind: 'tcp-bulk' },
  ]);
  t.deepEqual(v.map((x) => [x.index, x.check, x.pass]), [[3, 'cross-check', true], [4, 'cross-check', true], [5, 'cross-check', false]]);
  t.is(v[2]!.message, "probe p2 against b's kernel: failed: ICMP said 1240; ip route get: no MTU learned");
});
