import test from 'ava';
import { loadPlan } from '../../sim/plan/index';
import { wireScript } from '../../sim/runtime/wire-script';

const { plan } = loadPlan('topologies/seed-2010.yaml');
const node = (name: string) => plan.nodes.find((n) => n.name === name)!;

test('a SMAP is wired IPv6-only on its uplink, with its route via the lab router', (t) => {
  const s = wireScript(node('room1'), plan.networks, new Map([['link-lab-router', '02:42:AA:00:00:01'], ['lan-room1', '02:42:aa:00:00:02']]));
  t.true(s.includes(`if0=$(byMac '02:42:aa:00:00:01')`));
  t.true(s.includes(`ip link set dev "$if0" name 'wan'`));
  t.true(s.includes(`ip -4 addr flush dev 'wan'`));
  t.true(s.includes(`ip -6 addr add 2001:db8:7301:4666::1/64 dev 'wan' nodad`));
  t.true(s.includes(`ip -4 addr add 192.168.1.1/24 dev 'lan'`));
  t.true(s.includes('ip -6 route replace default via 2001:db8:7301:4666::fe'));
  t.true(s.includes(`[ -z "$(ip -4 -o addr show dev 'wan')" ] || { echo "IPv4 left on wan" >&2; exit 1; }`));
  t.false(s.includes(`ip -4 -o addr show dev 'lan'`));
});

test('wiring refuses a node whose MAC Docker did not report', (t) => {
  t.throws(() => wireScript(node('b'), plan.networks, new Map()), { message: 'node b: no network or MAC for lan-room1' });
});
