// The daemons' counters against a second instrument: captures on both sides
// of the tunnel, counted by tcpdump's own filters (not our pcap reader). UDP
// only, small datagrams: one datagram is one packet on every link, with no
// segmentation offload to make a capture and a counter count differently.
import test from 'ava';
import type { CountersJson } from '../../sim/aplus/core/counters';
import { COUNTERS_FILE } from '../../sim/aplus/daemon/counters-file';
import type { RunningTopology } from '../../sim/runtime/index';
import { startCapture, type Capture } from '../helpers/capture';
import { sh, upFile } from '../helpers/docker';
import { echoDatagrams } from '../helpers/shell-traffic';

const SHARED = '198.51.100.27';
const WEB = '198.51.100.80';
const PRR6 = '2001:db8:7301:d002::711';
const ROOM1 = '2001:db8:7301:4666::1';
const ECHO = 123; // the server's NTP echo (profiles/base.yaml)

const counters = async (run: RunningTopology, node: string) =>
  JSON.parse((await run.readFile(node, COUNTERS_FILE)).toString()) as CountersJson;

/** Counters once they stop changing: a daemon writes them within a second of a change. */
async function settled(run: RunningTopology, node: string): Promise<CountersJson> {
  let last = JSON.stringify(await counters(run, node));
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 600));
    const now = JSON.stringify(await counters(run, node));
    if (now === last) break;
    last = now;
  }
  return JSON.parse(last) as CountersJson;
}

const captures = [['prr', 'core'], ['prr', 'inet'], ['room1', 'wan']] as const;

/** N 10-byte datagrams, 1 ms apart, from one socket of a client to the server's echo; prints how many came back. */
const datagrams = (n: number) => echoDatagrams(WEB, ECHO, n, { size: 10, everyMs: 1 });

test.serial('PRR and SMAP counters equal what captures on both sides of the tunnel saw', async (t) => {
  await using run = await upFile('topologies/seed-2010.yaml');
  // A capture that lost packets cannot stand against a counter: such a round is measured again (up to 3 rounds).
  const round = async () => {
    const cap: Record<string, Capture> = {};
    for (const [node, dev] of captures) cap[dev] = await startCapture(run, node, dev, `-i ${dev}`);
    const before = { prr: await settled(run, 'prr'), room1: await settled(run, 'room1') };
    const [fromB, fromA] = await Promise.all([sh(run, 'b', datagrams(400)), sh(run, 'a', datagrams(250))]);
    // A datagram for a port in nobody's range: the PRR drops it and counts it.
    await sh(run, 'web', `echo x | nc -u -w1 ${SHARED} 9999 || true`);
    const after = { prr: await settled(run, 'prr'), room1: await settled(run, 'room1') };
    const lost: string[] = [];
    for (const [, dev] of captures) {
      const { captured, dropped } = await cap[dev]!.stop();
      if (dropped > 0) lost.push(`${dev} lost ${dropped} of ${captured + dropped}`);
    }
    return { cap, before, after, fromB, fromA, lost };
  };
  let m = await round();
  for (let i = 1; i < 3 && m.lost.length > 0; i++) {
    t.log(`a capture lost packets (${m.lost.join(', ')}): measuring again`);
    m = await round();
  }
  t.deepEqual(m.lost, [], 'a capture that lost packets in 3 rounds cannot stand against a counter');
  const { cap, before, after, fromB, fromA } = m;
  t.log(`echoed: b ${fromB.trim()} of 400, a ${fromA.trim()} of 250`);

  const d = (x: CountersJson, y: CountersJson, k: 'upstream' | 'downstream') => y[k].packets - x[k].packets;
  const prr = {
    up: d(before.prr, after.prr, 'upstream'), down: d(before.prr, after.prr, 'downstream'),
    noOwner: after.prr.drops['no-owner'] - before.prr.drops['no-owner'],
  };
  const pcap = {
    coreUp: await cap['core']!.count(`ip6 dst ${PRR6} and ip6 proto 4`),
    inetUp: await cap['inet']!.count(`ip src ${SHARED}`),
    inetDown: await cap['inet']!.count(`ip dst ${SHARED}`),
    coreDown: await cap['core']!.count(`ip6 src ${PRR6} and ip6 proto 4`),
    inetNoOwner: await cap['inet']!.count(`ip dst ${SHARED} and udp dst port 9999`),
    wanUp: await cap['wan']!.count(`ip6 src ${ROOM1} and ip6 proto 4`),
    wanDown: await cap['wan']!.count(`ip6 dst ${ROOM1} and ip6 proto 4`),
  };
  t.log(JSON.stringify({ prr, pcap, room1: { up: d(before.room1, after.room1, 'upstream'), down: d(before.room1, after.room1, 'downstream') } }));
  t.true(pcap.coreUp >= 650, `the core carried ${pcap.coreUp} packets up`);
  // Up: what reached the PRR from the SMAPs is what it forwarded to the Internet.
  t.is(prr.up, pcap.coreUp);
  t.is(prr.up, pcap.inetUp);
  // Down: what came for the shared address was dispatched into the tunnel, but for the one in nobody's range.
  t.is(prr.down, pcap.coreDown);
  t.is(prr.down + prr.noOwner, pcap.inetDown);
  t.is(prr.noOwner, pcap.inetNoOwner);
  t.is(prr.noOwner, 1);
  // Room 1's SMAP: what it sent into and took out of the tunnel, against its own uplink.
  t.is(d(before.room1, after.room1, 'upstream'), pcap.wanUp);
  t.is(d(before.room1, after.room1, 'downstream'), pcap.wanDown);
});
