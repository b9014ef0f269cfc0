// aplus check says what a file expands to: counts, the shared address, each
// SMAP's range and MTUs; it warns (exit 0) of the paper's MTU bug.
import test from 'ava';
import { cli, tempFile } from '../helpers/cli';
import { small } from '../helpers/topologies';

test('check prints the counts in words, the shared address, the networks and each SMAP\'s range and MTUs', async (t) => {
  const file = tempFile('topo.yaml', small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10009\n    lan: 192.168.1.0/24\n    dhcpMtu: 1400\n    clients: [{ name: b }]' }) + 'servers:\n  - { name: web, ipv4: 198.51.100.80 }\n');
  const r = await cli('check', file);
  t.is(r.code, 0, r.err);
  t.is(r.err, '');
  t.is(r.out, [
    `${file}: ok, small: 1 SMAP, 1 client, 1 server, 0 routers, 3 networks`,
    '  shared address 198.51.100.2; PRR at 2001:db8:1::1 and 198.51.100.1, PMTU discovery off, fragments dropped',
    '  core  2001:db8:1::/64  MTU 1500',
    '  SMAP   ports (count)     LAN             LAN MTU  path MTU to PRR  tunnel MTU  DHCP MTU  MSS clamp  PMTUD',
    '  room1  10000-10009 (10)  192.168.1.0/24  1500     1500 (core)      1400        1400      off        off',
    '',
  ].join('\n'));
});

test('check warns of a tunnel below its LAN with nothing to tell the clients, and still exits 0', async (t) => {
  const r = await cli('check', tempFile('topo.yaml', small()));
  t.is(r.code, 0);
  t.is(r.err, "aplus: warning: room1, room2: tunnel MTU 1400 is below the LAN's 1500, and no dhcpMtu, mssClamp or prr.pmtud brings the clients' packets down to it: " +
    "DF packets longer than 1400 bytes to them die at the PRR without a word (the paper's MTU bug, IV-B; docs/mtu.md)\n");
  t.regex(r.out, /: ok, small: 2 SMAPs, 1 client, 0 servers, 0 routers, 4 networks\n/);
});

test('check of a scenario counts its entries in words and shows the MTUs of the topology it runs on', async (t) => {
  const r = await cli('check', 'scenarios/range-10-web-facebook.yaml');
  t.is(r.code, 0, r.err);
  t.is(r.err, '');
  t.regex(r.out, /^scenarios\/range-10-web-facebook\.yaml: ok, scenario range-10-web-facebook: 1 traffic entry, 0 probes, 3 assertions, on topology range-10\n {2}topology: ok, range-10: 1 SMAP, 1 client, 1 server, 0 routers, 3 networks\n/);
  t.regex(r.out, /^ {2}room1 {2}10000-10009 \(10\) {2}192\.168\.1\.0\/24 {2}1500 {5}1500 \(core\) {6}1400 {8}1400 /m);
});
