// The A+P system on the wire, on the paper's topology: two rooms share one
// IPv4 address through user-space tunnels, the PRR dispatches by port, and
// what the paper's PRR dropped is dropped and counted.
import test from 'ava';
import type { CountersJson } from '../../sim/aplus/core/counters';
import { COUNTERS_FILE } from '../../sim/aplus/daemon/counters-file';
import { parseIpv6, parseIpv4, portsOf, PROTO_ICMPV6, PROTO_TCP, ipv4ToText } from '../../sim/aplus/codec/index';
import { ipPacketOf, readPcap } from '../../sim/measure/pcap/index';
import type { RunningTopology } from '../../sim/runtime/index';
import { sh, upFile } from '../helpers/docker';

const SHARED = '198.51.100.27';
const WEB = '198.51.100.80';
const HTTP = `http://${WEB}:8080`;
const PRR6 = '2001:db8:7301:d002::711';
const ROOM1 = { first: 10000, last: 11000 };
const ROOM2 = { first: 11001, last: 12000 };

const counters = async (run: RunningTopology, node: string) =>
  JSON.parse((await run.readFile(node, COUNTERS_FILE)).toString()) as CountersJson;

/** Waits until the node's counters satisfy ok (a daemon writes them within a second of a change). */
async function countersUntil(run: RunningTopology, node: string, ok: (c: CountersJson) => boolean): Promise<CountersJson> {
  let c = await counters(run, node);
  for (let i = 0; i < 25 && !ok(c); i++) {
    await new Promise((r) => setTimeout(r, 200));
    c = await counters(run, node);
  }
  return c;
}

interface Seen { address: string; port: number }

test.serial('the seed-2010 data plane: sharing, dispatch by port, and the paper\'s drops', async (t) => {
  await using run = await upFile('topologies/seed-2010.yaml');

  // Clients took their configuration from their SMAP's DHCP server.
  t.regex(await sh(run, 'b', 'cat /run/aplus/dhclient.leases'), /fixed-address 192\.168\.1\.142;[\s\S]*option routers 192\.168\.1\.1;/);

  // A capture on the core while a client in each room fetches a page at the same time
  // (--immediate-mode: without it libpcap may still hold packets when tcpdump is stopped).
  await sh(run, 'prr', '(setsid tcpdump --immediate-mode -i core -U -w /tmp/core.pcap; echo "tcpdump exit $?") >/tmp/tcpdump.log 2>&1 </dev/null & ' +
    'i=0; until grep -q "listening on" /tmp/tcpdump.log; do i=$((i+1)); [ $i -lt 100 ] || exit 1; sleep 0.1; done');
  const [fromB, fromA] = await Promise.all(['b', 'a'].map(async (c) => JSON.parse(await sh(run, c, `curl -s -m 10 ${HTTP}/page-${c}?bytes=0`)) as Seen));
  await sh(run, 'prr', 'sleep 0.5; pkill -INT -x tcpdump; until grep -q "tcpdump exit" /tmp/tcpdump.log; do sleep 0.1; done');

  // The server sees both rooms from the one shared address, each from its own range.
  t.is(fromB!.address, SHARED);
  t.is(fromA!.address, SHARED);
  t.true(fromB!.port >= ROOM1.first && fromB!.port <= ROOM1.last, `room 1 port ${fromB!.port}`);
  t.true(fromA!.port >= ROOM2.first && fromA!.port <= ROOM2.last, `room 2 port ${fromA!.port}`);
  const log = (await run.readFile('web', '/var/log/aplus/http.jsonl')).toString().trim().split('\n').map((l) => JSON.parse(l) as Seen & { path: string });
  t.deepEqual(log.map((l) => `${l.path} ${l.address}`).sort(), [`/page-a?bytes=0 ${SHARED}`, `/page-b?bytes=0 ${SHARED}`]);

  // The core carried only IPv6: IPv4-in-IPv6 (next header 4) for those two flows, and neighbour discovery.
  const pcap = readPcap(await run.readFile('prr', '/tmp/core.pcap'));
  t.log(`core capture: ${pcap.records.length} packets; ${await sh(run, 'prr', 'cat /tmp/tcpdump.log')}`);
  const inner = { room1: 0, room2: 0 };
  for (const rec of pcap.records) {
    const ip = ipPacketOf(pcap.header.linktype, rec.data, pcap.header.littleEndian);
    if (!ip.ok) continue; // ARP cannot happen on an IPv6-only link, but is not IP either
    t.is(ip.version, 6, 'a bare IPv4 packet on the core');
    const v6 = parseIpv6(ip.packet);
    if (!v6.ok) { t.fail(`unparsable IPv6 on the core: ${v6.reason}`); continue; }
    if (v6.value.upperProtocol === PROTO_ICMPV6) continue;
    t.is(v6.value.upperProtocol, 4, 'an IPv6 packet on the core that is not IPv4-in-IPv6');
    const v4 = parseIpv4(v6.value.upperPayload);
    if (!v4.ok) { t.fail(`inner packet: ${v4.reason}`); continue; }
    t.is(v4.value.header.protocol, PROTO_TCP);
    const ports = portsOf(v4.value);
    if (!ports.ok) continue;
    const [shared, port] = ipv4ToText(v4.value.header.src) === SHARED ? [v4.value.header.src, ports.value.srcPort] : [v4.value.header.dst, ports.value.dstPort];
    t.is(ipv4ToText(shared), SHARED);
    t.deepEqual([ipv4ToText(v4.value.header.src), ipv4ToText(v4.value.header.dst)].sort(), [SHARED, WEB].sort());
    if (port === fromB!.port) inner.room1++;
    else if (port === fromA!.port) inner.room2++;
    else t.fail(`inner packet of another flow: port ${port}`);
  }
  t.true(inner.room1 >= 6 && inner.room2 >= 6, `flows seen on the core: ${JSON.stringify(inner)}`);

  // From the Internet, a port in nobody's range is dropped and counted.
  const before = await counters(run, 'prr');
  await sh(run, 'web', `echo probe | nc -u -w1 ${SHARED} 9999 || true`);
  // A client's ping does not cross the PRR (paper IV-C), and the PRR counts it.
  const ping = await run.exec('b', ['ping', '-c', '1', '-W', '2', WEB]);
  t.not(ping.exitCode, 0);
  // Room 2's SMAP sending from a room-1 port is caught as spoofing.
  await sh(run, 'room2', `node /opt/aplus/inject.mjs --to ${PRR6} --bind 2001:db8:7301:4666::2 --src ${SHARED} --dst ${WEB} --sport 10500 --dport 80`);
  const after = await countersUntil(run, 'prr', (c) => c.drops['spoofed-port'] > before.drops['spoofed-port'] && c.drops.icmp > before.drops.icmp && c.drops['no-owner'] > before.drops['no-owner']);
  t.is(after.drops['no-owner'] - before.drops['no-owner'], 1);
  t.is(after.drops.icmp - before.drops.icmp, 1);
  t.is(after.drops['spoofed-port'] - before.drops['spoofed-port'], 1);
  t.is(after.smaps[1]!.drops['spoofed-port'], 1, 'counted against room 2');
  t.is(after.drops['send-failed'], 0);
  // What came in went out: every packet the SMAPs sent up is forwarded by the
  // PRR or counted as a drop (polled, as a daemon writes its counters within a second of a change).
  const upstreamDrops = (c: CountersJson) =>
    c.drops.icmp + c.drops['spoofed-port'] + c.drops['spoofed-source'] + c.drops['unknown-smap'] + c.drops.fragment + c.drops.malformed + c.drops.protocol;
  let balance = { prrSaw: 0, smapsSent: -1 };
  for (let i = 0; i < 25 && balance.prrSaw !== balance.smapsSent; i++) {
    const [p, r1, r2] = [await counters(run, 'prr'), await counters(run, 'room1'), await counters(run, 'room2')];
    balance = { prrSaw: p.upstream.packets + upstreamDrops(p), smapsSent: r1.upstream.packets + r2.upstream.packets + 1 /* the injected one */ };
    if (balance.prrSaw !== balance.smapsSent) await new Promise((r) => setTimeout(r, 200));
  }
  t.is(balance.prrSaw, balance.smapsSent);

  // The PRR reads the kernel's fragment counter over netlink (the addon's
  // nftCounter): a counter made with nft reads back as nft has it, a missing
  // one is -ENOENT (2), and no fragment was dropped here.
  const read = await sh(run, 'prr', [
    `nft add table ip6 aplus_test && nft add counter ip6 aplus_test c '{ packets 42 bytes 4200 }'`,
    `node -e "const a = require('/opt/aplus/tunio.node'); console.log(a.nftCounter('ip6', 'aplus_test', 'c'), a.nftCounter('ip6', 'aplus_test', 'none'), a.nftCounter('ip6', 'aplus_frag', 'fragments'))"`,
    'nft delete table ip6 aplus_test',
  ].join(' && '));
  t.is(read.trim(), '42 -2 0');
  t.is((await counters(run, 'prr')).drops['ipv6-fragment'], 0);

  // The server's iperf3 (docs/traffic.md) carries a second of TCP from a client, through SMAP and PRR.
  const iperf = JSON.parse(await sh(run, 'b', `iperf3 -c ${WEB} -t 1 -J`)) as { end: { sum_received: { bytes: number } } };
  t.true(iperf.end.sum_received.bytes > 0, 'iperf3 received nothing');
});
