// The SMAPs' NAT knobs on the wire (issue 14), both rooms of seed-2010 with
// hairpin and dropInvalid on.
//
// Hairpinning: two customers behind SMAPs of one shared address
// reach each other at that address, as two NATed peers on the Internet do.
// Each binds a port inside its own SMAP's range, so that the NAT keeps it,
// and sends to the other's (UDP hole punching): room2's client first, whose
// datagram is dropped at room1 (no mapping there yet) but opens room2's; then
// room1's client, whose datagram the PRR carries back down by its port to
// room2, where it matches the opened mapping. The answer goes the other way.
// Nothing leaves for the Internet: the PRR's kernel routes the shared address
// back into its own TUN.
//
// ICMP translated: each room's pings leave with identifiers of its own ports
// (the server's capture), as its conntrack mapped them, and come back.
//
// dropInvalid: segments conntrack calls invalid are dropped by room1 before
// its tunnel, counted by its daemon as the kernel's own statistics count
// them (conntrack -S), and none reaches the PRR with a private source.
import test from 'ava';
import type { CountersJson } from '../../sim/aplus/core/counters';
import { COUNTERS_FILE } from '../../sim/aplus/daemon/counters-file';
import { readFileSync } from 'node:fs';
import { sh, upFile } from '../helpers/docker';
import { tempFile } from '../helpers/cli';

const SHARED = '198.51.100.27';
const B_PORT = 10500; // b behind room1 (10000-11000)
const A_PORT = 11500; // a behind room2 (11001-12000)

/** A node one-liner: bind `port`, send `say` to SHARED:`to`, print the first datagram back (or "timeout") with its source. */
const udpPeer = (port: number, to: number, say: string, answer: boolean) => `node -e '
const s = require("dgram").createSocket("udp4");
const t = setTimeout(() => { console.log("timeout"); process.exit(0); }, 8000);
s.on("message", (m, r) => {
  console.log(JSON.stringify({ got: String(m), from: r.address + ":" + r.port }));
  ${answer ? `s.send("echo " + m, r.port, r.address, () => { clearTimeout(t); s.close(); });` : 'clearTimeout(t); s.close();'}
});
s.bind(${port}, () => s.send("${say}", ${to}, "${SHARED}"));
'`;

/** seed-2010 with both rooms' hairpin and dropInvalid on, and the PRR translating ICMP. */
const knobs = () => tempFile('seed-2010-knobs.yaml', readFileSync('topologies/seed-2010.yaml', 'utf8')
  .replaceAll('    tunnelMtu: 1400', '    tunnelMtu: 1400\n    hairpin: true\n    dropInvalid: true')
  .replace('  shared: 198.51.100.27', '  shared: 198.51.100.27\n  icmp: translate'));

const countersOf = async (run: Parameters<typeof sh>[0], node: string) => JSON.parse((await run.readFile(node, COUNTERS_FILE)).toString()) as CountersJson;

test.serial('two SMAPs of one shared address: a client of each reaches the other at the shared address, through the PRR and back', async (t) => {
  await using run = await upFile(knobs());
  const prrBefore = await countersOf(run, 'prr');

  // a opens room2's mapping toward SHARED:10500 and waits for what comes back on it.
  const waiting = sh(run, 'a', udpPeer(A_PORT, B_PORT, 'punch', true));
  await new Promise((r) => setTimeout(r, 1500));
  const fromB = await sh(run, 'b', udpPeer(B_PORT, A_PORT, 'hello from b', false));
  const atA = (await waiting).trim();

  t.log(`a: ${atA}`);
  t.log(`b: ${fromB.trim()}`);
  // Each saw the other at the shared address, from the port it bound: the NAT kept both.
  t.deepEqual(JSON.parse(atA), { got: 'hello from b', from: `${SHARED}:${B_PORT}` });
  t.deepEqual(JSON.parse(fromB.trim()), { got: 'echo hello from b', from: `${SHARED}:${A_PORT}` });

  // The SMAPs' NAT: one entry each, between the shared address's two ports.
  const entry = await sh(run, 'room2', `conntrack -L -p udp --orig-port-src ${A_PORT} 2>/dev/null`);
  t.regex(entry, new RegExp(`src=192\\.168\\.2\\.121 dst=${SHARED.replaceAll('.', '\\.')} sport=${A_PORT} dport=${B_PORT} .*src=${SHARED.replaceAll('.', '\\.')} dst=${SHARED.replaceAll('.', '\\.')} sport=${B_PORT} dport=${A_PORT}`));

  // The PRR carried hello and its echo both ways: up from one SMAP, down to the other.
  // (The daemon writes its counters within a second of a change.)
  let prr = await countersOf(run, 'prr');
  const up = () => prr.upstream.packets - prrBefore.upstream.packets;
  const down = () => prr.downstream.packets - prrBefore.downstream.packets;
  for (let i = 0; i < 25 && !(up() >= 3 && down() >= 2); i++) {
    await new Promise((r) => setTimeout(r, 200));
    prr = await countersOf(run, 'prr');
  }
  t.true(up() >= 3 && down() >= 2, `PRR upstream +${up()}, downstream +${down()}`);
  // The punch reached room1, which had no mapping for it: its kernel refused it, not the PRR.
  t.is(prr.drops['no-owner'] ?? 0, prrBefore.drops['no-owner'] ?? 0);
});

test.serial('dropInvalid: five SYN+FIN segments are dropped and counted by room1, as its conntrack statistics count them; the PRR sees none', async (t) => {
  await using run = await upFile(knobs());
  const invalidStat = async () => (await sh(run, 'room1', 'conntrack -S')).split('\n').reduce((n, l) => n + Number(/ invalid=(\d+)/.exec(l)?.[1] ?? 0), 0);
  const before = await invalidStat();
  t.is(await sh(run, 'b', 'perl /opt/aplus/tcp-invalid.pl 192.168.1.142 198.51.100.80 5'), 'sent 5\n');
  let room1 = await countersOf(run, 'room1');
  for (let i = 0; i < 25 && (room1.drops['ct-invalid'] ?? 0) < 5; i++) {
    await new Promise((r) => setTimeout(r, 200));
    room1 = await countersOf(run, 'room1');
  }
  const stat = (await invalidStat()) - before;
  t.is(room1.drops['ct-invalid'], 5);
  t.is(stat, 5, 'conntrack -S: invalid');
  t.is((await countersOf(run, 'prr')).drops['spoofed-source'] ?? 0, 0);
});

test.serial("ICMP translated: pings from both rooms leave with identifiers in their SMAP's ports, as the server's capture and each SMAP's conntrack say, and are answered", async (t) => {
  await using run = await upFile(knobs());
  await sh(run, 'web', '(setsid tcpdump --immediate-mode -n -l -i any "icmp[icmptype] == icmp-echo" > /tmp/echo.txt 2>/tmp/td.log; true) </dev/null & ' +
    'i=0; until grep -q "listening on" /tmp/td.log; do i=$((i+1)); [ $i -lt 100 ] || exit 1; sleep 0.1; done');
  const pings = await Promise.all(['b', 'a'].map((c) => sh(run, c, 'ping -n -c 3 -i 0.3 -W 2 198.51.100.80 | grep -c "bytes from"')));
  t.deepEqual(pings.map((p) => p.trim()), ['3', '3']);
  await sh(run, 'web', 'sleep 0.3; pkill -INT -x tcpdump; sleep 0.3');
  // "IP 198.51.100.27 > 198.51.100.80: ICMP echo request, id 10523, seq 1, length 64"
  const ids = [...(await sh(run, 'web', 'cat /tmp/echo.txt')).matchAll(/198\.51\.100\.27 > 198\.51\.100\.80: ICMP echo request, id (\d+)/g)].map((m) => Number(m[1]));
  t.is(ids.length, 6, 'six requests from the shared address');
  const inRoom1 = ids.filter((id) => id >= 10000 && id <= 11000).length;
  const inRoom2 = ids.filter((id) => id >= 11001 && id <= 12000).length;
  t.deepEqual([inRoom1, inRoom2], [3, 3], `identifiers ${ids.join(' ')}`);
  // Each SMAP's conntrack mapped its client's identifier to the ones the server saw.
  for (const [room, client] of [['room1', '192.168.1.142'], ['room2', '192.168.2.121']] as const) {
    const mapped = [...(await sh(run, room, 'conntrack -L -p icmp 2>/dev/null')).matchAll(new RegExp(`src=${client.replaceAll('.', '\\.')} .* id=\\d+ src=198\\.51\\.100\\.80 dst=198\\.51\\.100\\.27 type=0 code=0 id=(\\d+)`, 'g'))].map((m) => Number(m[1]));
    t.true(mapped.length >= 1 && mapped.every((id) => ids.includes(id)), `${room}: ${mapped.join(' ')}`);
  }
  const prr = await countersOf(run, 'prr');
  t.is(prr.drops.icmp ?? 0, 0);
});
