// PSID port sets on the wire (issue 14): two SMAPs of one address with RFC
// 7597 sets (PSID length 6, offset 6: ids 5 and 6). Each client holds 300 UDP
// flows and 40 TCP connections open; every port each SMAP's NAT mapped, as
// conntrack -L lists them, lies in its set by arithmetic done here (bits
// 6-11 of the port are the id, and the port is 1024 or more), not by aplus's
// port-set code; and the port sampler, reading the same table, counts the
// same ports and none outside the set.
import test from 'ava';
import { parsePortSampleLines } from '../../sim/measure/conntrack/port-sample';
import { tempFile } from '../helpers/cli';
import { sh, upFile } from '../helpers/docker';
import { conntrackSharedPorts } from '../helpers/shell-traffic';

const SHARED = '198.51.100.27';
const WEB = '198.51.100.80';
const TOPOLOGY = `name: psid-two
core:
  prefix: 2001:db8:301::/64
internet:
  prefix: 198.51.100.0/24
prr:
  ipv6: 2001:db8:301::1
  ipv4: 198.51.100.26
  shared: ${SHARED}
smaps:
  - name: cell5
    ipv6: 2001:db8:301::5
    psid: { offset: 6, length: 6, id: 5 }
    lan: 192.168.5.0/24
    clients: [{ name: c5 }]
  - name: cell6
    ipv6: 2001:db8:301::6
    psid: { offset: 6, length: 6, id: 6 }
    lan: 192.168.6.0/24
    clients: [{ name: c6 }]
servers:
  - name: web
    ipv4: ${WEB}
`;

/** 300 UDP sockets sending once each, and 40 TCP connections to the HTTP echo, all held open for `holdS`. */
const holdFlows = (holdS: number) => `node -e '
const dgram = require("dgram"), net = require("net");
for (let i = 0; i < 300; i++) { const s = dgram.createSocket("udp4"); s.send("x", 9999, "${WEB}"); }
for (let i = 0; i < 40; i++) net.connect(8080, "${WEB}").on("error", () => {});
setTimeout(() => process.exit(0), ${holdS * 1000});
' >/dev/null 2>&1 &`;

const inSet = (port: number, id: number) => port >= 1024 && ((port >> 4) & 63) === id;

test.serial('two PSID SMAPs of one address: every port their NATs mapped is in their set (conntrack -L), and the sampler counts the same ports', async (t) => {
  await using run = await upFile(tempFile('psid-two.yaml', TOPOLOGY));
  await Promise.all([sh(run, 'c5', holdFlows(20)), sh(run, 'c6', holdFlows(20))]);
  await new Promise((r) => setTimeout(r, 3000));
  for (const [smap, id] of [['cell5', 5], ['cell6', 6]] as const) {
    // The reply tuple's destination port is the one the NAT chose (the second dport= of a line).
    const listing = await sh(run, smap, `conntrack -L --reply-dst ${SHARED} 2>/dev/null | awk '{n=0; for (i=1;i<=NF;i++) if ($i ~ /^dport=/ && ++n==2) print $1, substr($i, 7)}'`);
    const mapped = listing.trim().split('\n').filter(Boolean).map((l) => ({ protocol: l.split(' ')[0]!, port: Number(l.split(' ')[1]) }));
    const outside = mapped.filter((m) => !inSet(m.port, id));
    t.true(mapped.length >= 340, `${smap}: ${mapped.length} mapped ports`);
    t.deepEqual(outside, [], `${smap}: ports outside PSID ${id}`);
    // The NAT used many of the set's 63 blocks, not one.
    t.true(new Set(mapped.map((m) => m.port >> 10)).size >= 30, `${smap}: blocks used`);
    const reading = `node /opt/aplus/ports.mjs --shared ${SHARED} --ports "psid ${id}/6 offset 6" --every 0.5 --out /tmp/p.jsonl >/dev/null 2>&1 & p=$!; ` +
      `sleep 0.8; kill $p; wait $p; tail -n 1 /tmp/p.jsonl; ${conntrackSharedPorts(SHARED)}`;
    const [line, count] = (await sh(run, smap, reading)).trim().split('\n');
    const sample = parsePortSampleLines(line ?? '').samples[0]!;
    t.log(`${smap}: conntrack -L ${mapped.length} mapped (${count} distinct by protocol), sampler ${sample.total} ports, ${sample.outOfRange} outside the set`);
    t.is(sample.outOfRange, 0);
    t.is(sample.total, Number(count));
  }
});
