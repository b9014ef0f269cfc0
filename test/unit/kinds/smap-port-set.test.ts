// A SMAP with an RFC 7597 port set: its NAT rule (a numgen map to one block
// per connection), its sysctls (ephemeral ports from the set only), both
// accepted by this kernel, and, in throwaway network namespaces, every port
// the kernel's NAT maps a LAN's connections and the SMAP's own to is in the
// set, for UDP and TCP. Needs root, unshare and nft (scripts/test-in-image.sh
// runs it in the node image as root): without them it fails, saying so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { inPortSet, portSetBlocks, type PortSet } from '../../../sim/aplus/core/port-set';
import { nodeSteps } from '../../../sim/kinds/index';
import { localPortSysctls, snatTable } from '../../../sim/kinds/smap';
import { loadTopologyText } from '../../../sim/model/load-topology';
import { nftArgv, type NftDocument } from '../../../sim/node-setup/nft-document';
import { plan } from '../../../sim/plan/index';
import type { SmapRole } from '../../../sim/plan/plan-types';
import { small } from '../../helpers/topologies';

const PSID: PortSet = { psid: { offset: 6, length: 6, id: 5 } };
const role = (ports: PortSet): SmapRole => ({
  ports, lan: '192.168.1.0/24', lanAddress: '192.168.1.1', tunnelMtu: 1400, pmtud: false, hairpin: false, dropInvalid: false, icmp: 'drop',
  prrV6: '2001:db8:1::1', prrV4: '198.51.100.1', shared: '198.51.100.28', dns: '198.51.100.1',
});
/** The NAT rule's last statement: where it maps to. */
const snatOf = (doc: NftDocument): unknown => (doc.nftables[2] as unknown as { add: { rule: { expr: unknown[] } } }).add.rule.expr.at(-1);
/** Membership by division, apart from port-set.ts. */
const inPsid5 = (port: number) => port >= 1024 && Math.floor(port / 16) % 64 === 5;

test('a range SMAP keeps the paper\'s rule: SHARED:first-last, its range as local ports, nothing reserved', (t) => {
  t.deepEqual(snatOf(snatTable(role({ first: 10000, last: 11000 }))), { snat: { addr: '198.51.100.28', port: { range: [10000, 11000] } } });
  t.deepEqual(localPortSysctls(portSetBlocks({ first: 10000, last: 11000 })), { 'net.ipv4.ip_local_port_range': '10000 11000' });
});

test('a PSID SMAP maps each new connection to one of its 63 blocks, round robin, and reserves the gaps between them', (t) => {
  const snat = snatOf(snatTable(role(PSID))) as { snat: { addr: { map: { key: unknown; data: { set: Array<[number, { concat: [string, { range: [number, number] }] }]> } } } } };
  t.deepEqual(snat.snat.addr.map.key, { numgen: { mode: 'inc', mod: 63 } });
  const blocks = snat.snat.addr.map.data.set.map(([i, { concat: [addr, { range }] }]) => ({ i, addr, range }));
  t.deepEqual(blocks.slice(0, 2), [{ i: 0, addr: '198.51.100.28', range: [1104, 1119] }, { i: 1, addr: '198.51.100.28', range: [2128, 2143] }]);
  t.true(blocks.every(({ range: [first, last] }) => last - first === 15 && inPsid5(first) && inPsid5(last) && !inPsid5(first - 1) && !inPsid5(last + 1)));
  const sysctls = localPortSysctls(portSetBlocks(PSID));
  t.is(sysctls['net.ipv4.ip_local_port_range'], '1104 64607');
  const reserved = sysctls['net.ipv4.ip_local_reserved_ports']!.split(',');
  t.is(reserved.length, 62);
  t.is(reserved[0], '1120-2127');
  // Range less reserved = the set.
  const free = new Set<number>();
  for (let p = 1104; p <= 64607; p++) free.add(p);
  for (const r of reserved) for (let p = Number(r.split('-')[0]); p <= Number(r.split('-')[1]); p++) free.delete(p);
  t.deepEqual([...free].filter((p) => !inPsid5(p)), []);
  t.is(free.size, 1008);
});

const NFT = ['/usr/sbin/nft', '/sbin/nft'].find((p) => existsSync(p));
const UNSHARE = ['/usr/bin/unshare', '/bin/unshare'].find((p) => existsSync(p));
const missing = [process.getuid?.() !== 0 && 'root', !NFT && 'nft', !UNSHARE && 'unshare'].filter(Boolean);
/** Fails the test, saying what this machine lacks, when it cannot run in a network namespace of its own. */
const needsNetns = (t: { fail(message: string): void }): boolean => {
  if (missing.length === 0) return true;
  t.fail(`needs ${missing.join(', ')}: it checks the rules against this kernel in a network namespace of its own (run it as root, or by scripts/test-in-image.sh)`);
  return false;
};
const check = (doc: NftDocument) => spawnSync(UNSHARE!, ['-n', NFT!, ...nftArgv(doc, { check: true }).slice(1)], { encoding: 'utf8' });

test('this kernel accepts the documents of every node of a topology with PSID SMAPs on two addresses, and the SMAPs\' sysctls', (t) => {
  if (!needsNetns(t)) return;
  const p = plan(loadTopologyText(small({
    prr: '  ipv6: 2001:db8:1::1\n  ipv4: 198.51.100.1\n  shared: [198.51.100.2, 198.51.100.3]',
    smaps: '  - name: room1\n    ipv6: 2001:db8:1::11\n    ports: 10000-10999\n    lan: 192.168.1.0/24\n    mssClamp: pmtu\n'
      + '  - group: cell\n    count: 4\n    shared: 198.51.100.3\n    psid: { offset: 4, length: 8 }',
  }), 't.yaml').spec);
  let checked = 0;
  for (const node of p.nodes) {
    const doc: NftDocument = { nftables: nodeSteps(node, p).flatMap((s) => ('nft' in s ? s.nft.nftables : [])) };
    if (doc.nftables.length === 0) continue;
    const r = check(doc);
    t.is(r.status, 0, `${node.name}: ${r.stderr}`);
    checked++;
  }
  t.true(checked >= 6);
  const sysctls = Object.entries(localPortSysctls(portSetBlocks(PSID))).flatMap(([k, v]) => ['-w', `${k}=${v}`]);
  const r = spawnSync(UNSHARE!, ['-n', 'sysctl', '-q', ...sysctls], { encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  // And a mistake is refused, so that a pass means something.
  const bad = check({ nftables: [{ add: { table: { family: 'ip', name: 't' } } }, { add: { chain: { family: 'ip', table: 't', name: 'c', type: 'nat', hook: 'postrouting', prio: 100 } } },
    { add: { rule: { family: 'ip', table: 't', chain: 'c', expr: [{ snat: { addr: { map: { key: { numgen: { mode: 'inc', mod: 2 } }, data: { set: [[0, { concat: ['198.51.100.2', { range: [2000, 1000] }] }]] } } } } }] } } }] });
  t.not(bad.status, 0);
});

// One shell in a namespace of its own (the SMAP), two more made by unshare
// under it (the LAN client and the far end); veth pairs between them, static
// neighbours (no ARP to wait for), the SMAP's nftables table and sysctls as
// its kind sets them. Everything goes when the shell and its sleeps end.
const RIG = String.raw`
set -eu
here=$(readlink /proc/self/ns/net)
unshare -n sleep 60 & lan=$!
unshare -n sleep 60 & far=$!
trap 'kill $lan $far 2>/dev/null || true' EXIT
for p in $lan $far; do for i in $(seq 100); do [ "$(readlink /proc/$p/ns/net)" != "$here" ] && break; sleep 0.02; done; done
inlan() { nsenter --net=/proc/$lan/ns/net "$@"; }
infar() { nsenter --net=/proc/$far/ns/net "$@"; }
ip link set lo up
ip link add lan type veth peer name eth0 netns $lan
ip link add tnl0 type veth peer name far0 netns $far
ip addr add 192.168.1.1/24 dev lan && ip link set lan up
ip addr add $SHARED/32 dev tnl0 && ip link set tnl0 up
ip route add 198.18.0.0/15 dev tnl0
sysctl -qw net.ipv4.ip_forward=1
sysctl -q -p $DIR/sysctl.conf
$NFT -j -f $DIR/snat.json
inlan ip link set lo up; inlan ip addr add 192.168.1.100/24 dev eth0; inlan ip link set eth0 up; inlan ip route add default via 192.168.1.1
infar ip link set lo up; infar ip addr add 198.18.0.5/15 dev far0; infar ip link set far0 up; infar ip route add $SHARED/32 dev far0
mac() { "$@" | awk '{print $3}'; }
ip neigh add 198.18.0.5 lladdr $(mac infar ip -br link show far0) dev tnl0
ip neigh add 192.168.1.100 lladdr $(mac inlan ip -br link show eth0) dev lan
inlan ip neigh add 192.168.1.1 lladdr $(mac ip -br link show lan) dev eth0
infar ip neigh add $SHARED lladdr $(mac ip -br link show tnl0) dev far0
infar node $DIR/receive.cjs $((LAN_UDP + OWN_UDP)) $((LAN_TCP + OWN_TCP)) > $DIR/far.json &
recv=$!
for i in $(seq 100); do [ -s $DIR/far.json ] && break; sleep 0.05; done
inlan node $DIR/send.cjs udp $LAN_UDP 0.0.0.0 > $DIR/lan-udp.json
inlan node $DIR/send.cjs tcp $LAN_TCP 0.0.0.0 > $DIR/lan-tcp.json
node $DIR/send.cjs udp $OWN_UDP $SHARED > $DIR/own-udp.json
node $DIR/send.cjs tcp $OWN_TCP $SHARED > $DIR/own-tcp.json
wait $recv
`;
// The far end: the source port of each datagram (UDP 9000) and connection (TCP 9001) as it arrives.
const RECEIVE = `const ports = { udp: [], tcp: [] };
const [udpN, tcpN] = [Number(process.argv[2]), Number(process.argv[3])];
const done = () => { console.log(JSON.stringify(ports)); process.exit(0); };
const check = () => { if (ports.udp.length >= udpN && ports.tcp.length >= tcpN) done(); };
const d = require('dgram').createSocket('udp4');
d.on('message', (m, r) => { ports.udp.push(r.port); check(); });
const t = require('net').createServer((c) => { ports.tcp.push(c.remotePort); check(); });
d.bind(9000, '198.18.0.5', () => t.listen(9001, '198.18.0.5', () => console.log('"ready"')));
setTimeout(done, 15000);
`;
// Each flow a socket of its own, kept open: a new source port, a new conntrack entry, a new NAT.
// Prints the local port each one had before the NAT.
const SEND = `const [proto, n, from] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
const open = (i) => new Promise((resolve, reject) => {
  if (proto === 'tcp') {
    const s = require('net').connect({ host: '198.18.0.5', port: 9001, localAddress: from }, () => resolve(s.localPort));
    s.on('error', reject);
    return;
  }
  const s = require('dgram').createSocket('udp4');
  s.bind({ port: 0, address: from }, () => s.send('x', 9000, '198.18.0.5', (e) => (e ? reject(e) : resolve(s.address().port))));
});
(async () => {
  const local = [];
  for (let i = 0; i < n; i++) local.push(await open(i));
  console.log(JSON.stringify(local));
  setTimeout(() => process.exit(0), 300);
})();
`;

test.serial("in namespaces of its own, the kernel maps a LAN's UDP and TCP flows and the SMAP's own into its PSID set only, over all 63 blocks", (t) => {
  if (!needsNetns(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'aplus-psid-nat-'));
  try {
    const r = role(PSID);
    writeFileSync(join(dir, 'snat.json'), JSON.stringify(snatTable(r)));
    writeFileSync(join(dir, 'receive.cjs'), RECEIVE);
    writeFileSync(join(dir, 'send.cjs'), SEND);
    writeFileSync(join(dir, 'sysctl.conf'), Object.entries(localPortSysctls(portSetBlocks(r.ports))).map(([k, v]) => `${k} = ${v}\n`).join(''));
    const run = spawnSync(UNSHARE!, ['-n', 'bash', '-c', RIG], {
      encoding: 'utf8', timeout: 90_000,
      env: { ...process.env, NFT, DIR: dir, SHARED: r.shared, LAN_UDP: '400', LAN_TCP: '200', OWN_UDP: '100', OWN_TCP: '50' },
    });
    t.is(run.status, 0, run.stderr);
    const read = (f: string) => readFileSync(join(dir, f), 'utf8').trim().split('\n').at(-1)!;
    const far = JSON.parse(read('far.json')) as { udp: number[]; tcp: number[] };
    t.is(far.udp.length, 500, 'every datagram reached the far end');
    t.is(far.tcp.length, 250, 'every connection reached the far end');
    const seen = [...far.udp, ...far.tcp];
    t.deepEqual(seen.filter((p) => !inPsid5(p)), [], 'ports seen at the far end outside PSID 5');
    t.deepEqual(seen.filter((p) => !inPortSet(r.ports, p)), []);
    const own = [...JSON.parse(read('own-udp.json')) as number[], ...JSON.parse(read('own-tcp.json')) as number[]];
    t.is(own.length, 150);
    t.deepEqual(own.filter((p) => !inPsid5(p)), [], "the SMAP's own sockets' ports outside the set");
    // The LAN's own ports were the client's ephemeral ones: the NAT, not chance, put them in the set.
    const lan = [...JSON.parse(read('lan-udp.json')) as number[], ...JSON.parse(read('lan-tcp.json')) as number[]];
    t.true(lan.filter((p) => !inPsid5(p)).length > 500);
    t.is(new Set(far.udp.map((p) => p >> 10)).size, 63, 'every block of the set in use by UDP');
    t.is(new Set(far.tcp.map((p) => p >> 10)).size, 63, 'and by TCP');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
