// The paper's MTU bug (IV-B) found in a plan: a tunnel below the LAN, and no
// DHCP MTU, MSS clamp or PMTU discovery at the PRR to bring packets down to it.
import test from 'ava';
import { loadPlan, mtuBugWarnings, smapMtus } from '../../sim/plan/index';

const topology = (smap: string, prr = '') => `name: t
core: { prefix: '2001:db8:1::/64' }
internet: { prefix: 198.51.100.0/24 }
prr: { ipv6: '2001:db8:1::1', ipv4: 198.51.100.1, shared: 198.51.100.2${prr} }
smaps:
  - { name: room1, ipv6: '2001:db8:1::11', ports: 10000-10999, lan: 192.168.1.0/24${smap} }
  - { name: room2, ipv6: '2001:db8:1::12', ports: 11000-11999, lan: 192.168.2.0/24${smap} }
`;
const warnings = (smap: string, prr = '') => mtuBugWarnings(loadPlan('t.yaml', { text: topology(smap, prr) }).plan);

const carries = test.macro({
  exec(t, smap: string, prr: string, expected: boolean) {
    t.deepEqual(warnings(smap, prr), expected ? [{ smaps: ['room1', 'room2'], tunnelMtu: 1400, lanMtu: 1500 }] : []);
  },
  title: (given = '', _s: string, _p: string, expected: boolean) => `${expected ? 'the bug' : 'no bug'}: ${given}`,
});

test('the defaults: a 1400 tunnel on a 1500 LAN, nothing else', carries, '', '', true);
test('DHCP hands out the tunnel MTU', carries, ', dhcpMtu: 1400', '', false);
test('DHCP hands out more than the tunnel takes', carries, ', dhcpMtu: 1450', '', true);
test('MSS clamped to the tunnel', carries, ', mssClamp: pmtu', '', false);
test('MSS clamped to tunnel MTU less 40', carries, ', mssClamp: 1360', '', false);
test('MSS clamped above what the tunnel takes', carries, ', mssClamp: 1400', '', true);
test('PMTU discovery at the PRR', carries, '', ', pmtud: true', false);
test('PMTU discovery at the SMAP only, which follows the SMAP-PRR path, not the clients', carries, ', pmtud: true', '', true);
test('a tunnel as wide as the LAN', carries, ', tunnelMtu: 1500', '', false);

test('one warning per tunnel MTU, naming its SMAPs', (t) => {
  t.deepEqual(mtuBugWarnings(loadPlan('topologies/mtu-rooms.yaml').plan), [
    { smaps: ['room1'], tunnelMtu: 1460, lanMtu: 1500 },
    { smaps: ['room2'], tunnelMtu: 1400, lanMtu: 1500 },
  ]);
  t.deepEqual(mtuBugWarnings(loadPlan('topologies/seed-2010.yaml').plan), [], 'the paper set option 26 to 1400');
});

test('the narrowest link to the PRR is found up the chain of routers', (t) => {
  const mtus = smapMtus(loadPlan('topologies/mtu-rooms.yaml').plan);
  t.deepEqual(mtus.map((m) => [m.smap, m.path, m.pathMtu, m.lanMtu]), [
    ['room1', ['link-room1-gw', 'link-renater', 'core'], 1460, 1500],
    ['room2', ['link-sixxs', 'core'], 1280, 1500],
  ]);
});
