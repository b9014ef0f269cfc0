// Bad topology files: each gets one clear line naming file, line and key,
// exit code 2, and nothing is created (the CLI checks before Docker).
import test from 'ava';
import { hostPrefixes } from '../../sim/runtime/host-prefixes';
import { cli, tempFile } from '../helpers/cli';
import { small } from '../helpers/topologies';

const rejects = test.macro({
  async exec(t, text: string, expected: string) {
    const file = tempFile('topo.yaml', text);
    for (const cmd of ['check', 'up']) {
      const r = await cli(cmd, file);
      t.is(r.code, 2, `${cmd}: ${r.err}`);
      t.is(r.err, `aplus: ${file}${expected}\n`);
      t.is(r.out, '');
    }
  },
  title: (given = '') => `rejects ${given}`,
});

test('an unknown top-level key, with the keys allowed there', rejects, small({ extra: 'smapz: []' }),
  ':21: unknown key `smapz` (expected one of: name, core, internet, prr, smaps, servers, routers)');
test('an unknown key in a SMAP, with the keys a SMAP takes', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    lan: 192.168.1.0/24\n    colour: blue' }),
  ':15 smaps[0]: unknown key `colour` (expected one of: name, ipv6, ports, shared, lan, address, tunnelMtu, dhcpMtu, pmtud, mssClamp, hairpin, dropInvalid, via, clients)');
test('a misspelt required key as one problem: the key meant, not a missing one', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    portz: 10000-10999\n    lan: 192.168.1.0/24' }),
  ':13 smaps[0]: unknown key `portz` (did you mean `ports`?)');
test('a misspelt optional key, whatever its case and underscores', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    lan: 192.168.1.0/24\n    tunnel_mtu: 1300' }),
  ':15 smaps[0]: unknown key `tunnel_mtu` (did you mean `tunnelMtu`?)');
test("a misspelt key of a SMAP group, read as a group's by its `group`", rejects,
  small({ smaps: '  - group: campus\n    cont: 10\n    portsPerSmap: 100' }),
  ':12 smaps[0]: unknown key `cont` (did you mean `count`?)');
test("a server's IPv6 address, which servers do not have", rejects, small({ extra: 'servers:\n  - { name: web, ipv6: 2001:db8:1::80 }' }),
  ':22 servers[0]: unknown key `ipv6` (did you mean `ipv4`?)');
test('a missing required key, on the line of its object', rejects, small({ prr: '  ipv6: 2001:db8:1::1\n  ipv4: 198.51.100.1' }),
  ':6 prr: missing key `shared`');
test('a misspelt value of a few names', rejects, small({ prr: '  ipv6: 2001:db8:1::1\n  ipv4: 198.51.100.1\n  shared: 198.51.100.2\n  fragments: reasemble' }),
  ':10 prr.fragments: expected one of drop, reassemble, got "reasemble" (did you mean "reassemble"?)');
test('a malformed IPv6 address', rejects, small({ prr: '  ipv6: 2001:db8:1::zz\n  ipv4: 198.51.100.1\n  shared: 198.51.100.2' }),
  ':7 prr.ipv6: expected an IPv6 address, got "2001:db8:1::zz"');
test('a malformed IPv4 address', rejects, small({ prr: '  ipv6: 2001:db8:1::1\n  ipv4: 198.51.100.300\n  shared: 198.51.100.2' }),
  ':8 prr.ipv4: expected an IPv4 address, got "198.51.100.300"');
test('a prefix with host bits set', rejects, small({ internet: '198.51.100.1/24' }),
  ':5 internet.prefix: expected an IPv4 prefix, got "198.51.100.1/24": host bits are set: did you mean 198.51.100.0/24?');
test('a prefix length out of range', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    lan: 192.168.1.0/33' }),
  ':14 smaps[0].lan: expected an IPv4 prefix, got "192.168.1.0/33": prefix length "33" is out of range 0-32');
test('a port range below 1024 (not shareable)', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 80-90\n    lan: 192.168.1.0/24' }),
  ':13 smaps[0].ports: expected a range inside 1024-65535 written first-last, got "80-90"');
test('a port range past 65535', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 65000-65536\n    lan: 192.168.1.0/24' }),
  ':13 smaps[0].ports: expected a range inside 1024-65535 written first-last, got "65000-65536"');
test('a reversed port range', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 11000-10000\n    lan: 192.168.1.0/24' }),
  ':13 smaps[0].ports: reversed range: first 11000 is above last 10000');
test('overlapping port ranges', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-11000\n    lan: 192.168.1.0/24\n  - name: room2\n    ipv6: 2001:db8:1::12\n    ports: 11000-12000\n    lan: 192.168.2.0/24' }),
  ':17 smaps[1].ports: 11000-12000 overlaps 10000-11000 of SMAP room1');
test('a group whose ranges do not fit its count', rejects,
  small({ smaps: '  - group: campus\n    count: 100\n    portsPerSmap: 1000\n    firstPort: 2000' }),
  ':12 smaps[0].count: 100 SMAPs of 1000 ports from 2000 need ports up to 101999, past 65535: at most 63 fit');
test('a group that overlaps a SMAP given one by one', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    lan: 192.168.1.0/24\n  - group: campus\n    count: 10\n    portsPerSmap: 100\n    firstPort: 10500' }),
  ':15 smaps[1].ports: 10500-10599 overlaps 10000-10999 of SMAP room1');
test('a PSID offset that would share ports below 1024', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    psid: { offset: 7, length: 6, id: 5 }\n    lan: 192.168.1.0/24' }),
  ':13 smaps[0].psid.offset: expected 1 to 6, so that the ports no set has (A = 0, below 2^(16-offset)) hold all of 0-1023, got 7');
test('a PSID its length cannot hold', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    psid: { length: 6, id: 64 }\n    lan: 192.168.1.0/24' }),
  ':13 smaps[0].psid.id: expected 0 to 63 (a PSID of 6 bits), got 64');
test('a misspelt PSID key', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    psid: { lenght: 6, id: 5 }\n    lan: 192.168.1.0/24' }),
  ':13 smaps[0].psid: unknown key `lenght` (did you mean `length`?)');
test('a range and a PSID set for one SMAP', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    psid: { length: 6, id: 5 }\n    lan: 192.168.1.0/24' }),
  ':13 smaps[0]: `ports` and `psid` are both given: a SMAP\'s ports are a range or a PSID set, not both');
test('two SMAPs with one PSID of one address, at the first port they share', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    psid: { length: 6, id: 5 }\n    lan: 192.168.1.0/24\n  - name: room2\n    ipv6: 2001:db8:1::12\n    psid: { length: 8, id: 21 }\n    lan: 192.168.2.0/24' }),
  ':17 smaps[1].psid: psid 21/8 offset 6 overlaps psid 5/6 offset 6 of SMAP room1 at port 1108');
test('a PSID set over a range', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    lan: 192.168.1.0/24\n  - name: room2\n    ipv6: 2001:db8:1::12\n    psid: { length: 6, id: 5 }\n    lan: 192.168.2.0/24' }),
  ':17 smaps[1].psid: psid 5/6 offset 6 overlaps 10000-10999 of SMAP room1 at port 10320');
test('a SMAP on an address the PRR does not share', rejects,
  small({ prr: '  ipv6: 2001:db8:1::1\n  ipv4: 198.51.100.1\n  shared: [198.51.100.2, 198.51.100.3]', smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    shared: 198.51.100.4\n    lan: 192.168.1.0/24' }),
  ':14 smaps[0].shared: 198.51.100.4 is not a shared address of the PRR (198.51.100.2, 198.51.100.3)');
test('a group of PSID sets that does not fit its count', rejects,
  small({ smaps: '  - group: cell\n    count: 64\n    psid: { length: 6, firstId: 1 }' }),
  ':12 smaps[0].count: 64 SMAPs with PSIDs of 6 bits from 1 need ids up to 64, past 63: at most 63 fit');
test('duplicate names', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    lan: 192.168.1.0/24\n    clients: [{ name: room1 }]' }),
  ':15 smaps[0].clients[0].name: duplicate name "room1" (also used at smaps[0].name)');
test('duplicate addresses, however they are spelled', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1:0::1\n    ports: 10000-10999\n    lan: 192.168.1.0/24' }),
  ':12 smaps[0].ipv6: duplicate address "2001:db8:1:0::1" (also used at prr.ipv6)');
test('an address outside its network', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:2::11\n    ports: 10000-10999\n    lan: 192.168.1.0/24' }),
  ':12 smaps[0].ipv6: 2001:db8:2::11 is not inside the core prefix 2001:db8:1::/64');
test('a client outside its LAN', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    lan: 192.168.1.0/24\n    clients: [{ name: b, ipv4: 192.168.9.5 }]' }),
  ':15 smaps[0].clients[0].ipv4: 192.168.9.5 is not inside the LAN 192.168.1.0/24');
test('overlapping LANs', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    lan: 192.168.0.0/16\n  - name: room2\n    ipv6: 2001:db8:1::12\n    ports: 11000-11999\n    lan: 192.168.2.0/24' }),
  ':18 smaps[1].lan: 192.168.2.0/24 overlaps the LAN at smaps[0].lan');
test('a SMAP behind a router that does not exist', rejects,
  small({ smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    via: r9\n    ports: 10000-10999\n    lan: 192.168.1.0/24' }),
  ':13 smaps[0].via: no router named "r9"');
test('a file that is not YAML', rejects, 'core: [1, 2\nprr: {', ':2: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]');

test('rejects a missing file', async (t) => {
  const r = await cli('up', '/nonexistent/topo.yaml');
  t.is(r.code, 2);
  t.is(r.err, 'aplus: /nonexistent/topo.yaml: no such file\n');
});

test("rejects a subnet that overlaps one of this host's own routes", async (t) => {
  // Take a real IPv4 route of this machine (its uplink), whatever it is here.
  const route = hostPrefixes().find((h) => h.what.startsWith('route') && /^\d+\.\d+\.\d+\.\d+\/(1[6-9]|2[0-9])$/.test(h.prefix));
  if (!route) return t.pass('this host has no IPv4 route of /16 to /29 to collide with');
  const file = tempFile('topo.yaml', small({ internet: route.prefix }).replace(/198\.51\.100\.(\d+)\n/g, (_, n) => `${route.prefix.split('.').slice(0, 3).join('.')}.${n}\n`));
  const r = await cli('check', file);
  t.is(r.code, 2, r.err);
  t.regex(r.err, new RegExp(`^aplus: ${file}:5 internet\\.prefix: ${route.prefix.replace(/\./g, '\\.')} overlaps this host's .* \\(route on \\S+\\): pick another subnet\\n$`));
});

test('usage errors exit 2 and say the usage', async (t) => {
  const r = await cli('up');
  t.is(r.code, 2);
  t.is(r.err, 'aplus: expected one topology file (usage: aplus up FILE [--show] [--json] [--bare])\n');
  t.is((await cli('frobnicate')).code, 2);
  t.is((await cli('down')).code, 2);
  t.is((await cli('exec', 'b')).code, 2);
});
