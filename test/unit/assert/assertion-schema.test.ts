// The assertions a scenario can write, and what the schema turns away.
import test from 'ava';
import { assertionSchema, assertionsSchema } from '../../../sim/assert';

test('defaults: expect pass, ports of all classes', (t) => {
  t.deepEqual(assertionSchema.parse({ check: 'ports', smap: 'room1', atMost: 200 }), {
    check: 'ports', smap: 'room1', class: 'total', sum: false, atMost: 200, expect: 'pass',
  });
});

test('every kind of check parses', (t) => {
  const all = assertionsSchema.parse([
    { check: 'delivery', client: 'b', atLeast: 0.99 },
    { check: 'ports', class: 'dns', atLeast: 30 },
    { check: 'within-range', smap: 'room1' },
    { check: 'exhaustion', smap: 'room1', expected: true },
    { check: 'drops', node: 'prr', reason: 'no-owner', equals: 0 },
    { check: 'drops', node: 'prr', reason: 'icmp', atLeast: 1, expect: 'fail', because: 'ICMP does not cross the PRR (paper III)' },
    { check: 'drops', node: 'prr', smap: 'room1', reason: 'too-big', equals: 0 },
    { check: 'router', node: 'room1-gw', counter: 'ptb-sent', atLeast: 1 },
  ]);
  t.deepEqual(all.map((a) => a.check), ['delivery', 'ports', 'within-range', 'exhaustion', 'drops', 'drops', 'drops', 'router']);
});

const rejects = test.macro({
  exec(t, input: unknown, path: string, message: string) {
    const r = assertionSchema.safeParse(input);
    t.false(r.success);
    t.is(r.error?.issues[0]?.path.join('.'), path);
    t.is(r.error?.issues[0]?.message, message);
  },
  title: (given = '') => `rejects ${given}`,
});

test('expect: fail without saying which bug', rejects, { check: 'within-range', expect: 'fail' }, 'because',
  'expect: fail needs `because`: the known bug it stands for');
test('a ports check without a bound', rejects, { check: 'ports', smap: 'room1' }, '', 'expected a bound: equals, atLeast or atMost');
test('a delivery ratio above 1', rejects, { check: 'delivery', atLeast: 99 }, 'atLeast', 'Too big: expected number to be <=1');
test('a drop reason the daemons do not count', rejects, { check: 'drops', node: 'prr', reason: 'bad-luck', atMost: 0 }, 'reason',
  'Invalid option: expected one of "no-owner"|"unknown-smap"|"spoofed-port"|"spoofed-source"|"ct-invalid"|"not-shared"|"malformed"|"fragment"|"icmp"|"too-big"|"unknown-peer"|"protocol"|"ipv6-fragment"|"send-failed"|"tun-short-read"|"bad-csum-offset"|"no-buffer"|"ttl-exceeded"|"icmp-withheld-source"|"icmp-withheld-error"|"icmp-withheld-fragment"|"icmp-rate-limited"|"total"');
test('an unknown check', rejects, { check: 'latency' }, 'check',
  "Invalid discriminator value. Expected 'delivery' | 'ports' | 'within-range' | 'exhaustion' | 'drops' | 'path-mtu' | 'transfer' | 'icmp' | 'router' | 'simulator'");
test('a router counter that is not kept', rejects, { check: 'router', node: 'renater', counter: 'mtu', atLeast: 1 }, 'counter',
  'Invalid option: expected one of "forwarded"|"ptb-sent"|"too-big"|"ptb-dropped"');
test('a router check without a bound', rejects, { check: 'router', node: 'renater', counter: 'forwarded' }, '', 'expected a bound: equals, atLeast or atMost');
