import test from 'ava';
import { loadPlan } from '../../sim/plan/index';
import { wireScript } from '../../sim/runtime/wire-script';

const { plan } = loadPlan('topologies/seed-2010.yaml');
const node = (name: string) => plan.nodes.find((n) => n.name === name)!;

test('a SMAP waits for its planned interfaces, then is wired IPv6-only on its uplink, with its route via the lab router', (t) => {
  const s = wireScript(node('room1'), plan.networks);
  const lines = s.split('\n');
  // The runtime makes the interfaces after the container starts: the script waits for both, 60 s at most.
  t.regex(lines[1]!, /^n=0; until \[ -e \/sys\/class\/net\/'wan' \] && \[ -e \/sys\/class\/net\/'lan' \]; do .*\[ \$n -le 600 \]/);
  t.deepEqual(lines.slice(2, 6), [
    `ip link set dev 'wan' up`,
    `ip -6 addr add 2001:db8:7301:4666::1/64 dev 'wan' nodad`,
    `ip link set dev 'lan' up`,
    `ip -4 addr add 192.168.1.1/24 dev 'lan'`,
  ]);
  t.true(s.includes('ip -6 route replace default via 2001:db8:7301:4666::fe'));
  // Nothing is found by address or renamed: the interfaces are born with their planned names.
  t.false(s.includes('byAddr'));
  t.false(s.includes(' name '));
});

test('a client gets its LAN address and its SMAP as default router', (t) => {
  const s = wireScript(node('a'), plan.networks);
  t.true(s.includes(`ip -4 addr add 192.168.2.121/24 dev 'lan'`));
  t.true(s.includes('ip -4 route replace default via 192.168.2.1'));
});
