// Routers' counters against second instruments, the PRR's per-SMAP rows by
// name, and a run whose failed flows name their cause. On Table IV's rooms
// (topologies/mtu-rooms.yaml): room1-gw's uplink (renater's link) is 1460,
// so room 1's full-size tunnel packets do not fit it.
import test from 'ava';
import { tmpdir } from 'node:os';
import type { CountersFileJson } from '../../sim/aplus/daemon/counters-file';
import { formatPortSet } from '../../sim/aplus/core/port-set';
import { loadScenario } from '../../sim/plan/index';
import { silent } from '../../sim/report/events';
import { readNodeCounters, type NodeCountersJson, type RouterCountersJson } from '../../sim/kinds/index';
import { parseSnmp6 } from '../../sim/kinds/router-counters';
import type { RunningTopology } from '../../sim/runtime/index';
import { runScenario } from '../../sim/scenario/run-scenario';
import { startIcmpCapture } from '../../sim/scenario/icmp-capture';
import { cli, tempFile } from '../helpers/cli';
import { startCapture } from '../helpers/capture';
import { sh, upFile } from '../helpers/docker';
import { echoDatagrams } from '../helpers/shell-traffic';

const WEB = '198.51.100.80';
const ECHO = 123; // the server's NTP echo (profiles/base.yaml)

async function routerCounters(run: RunningTopology, node: string): Promise<RouterCountersJson> {
  const r = await readNodeCounters('router', (argv) => run.exec(node, argv));
  if (!r.ok || r.value.role !== 'router') throw new Error(`${node}: ${r.ok ? 'not a router' : r.reason}`);
  return r.value;
}

/** The Packet Too Big the router's kernel made, sent or not (counted before the output hook). */
const ptbMade = async (run: RunningTopology, node: string) => parseSnmp6(await sh(run, node, 'cat /proc/net/snmp6')).get('Icmp6OutPktTooBigs') ?? NaN;

/** N datagrams of `size` bytes, 2 ms apart, from one socket of a client to the server's echo (DF set: Linux's default for UDP). */
const datagrams = (n: number, size: number) => echoDatagrams(WEB, ECHO, n, { size, everyMs: 2 });


test.serial('a router\'s counters equal a capture of what it sent and its kernel\'s own ICMPv6 count', async (t) => {
  await using run = await upFile('topologies/mtu-rooms.yaml');
  const gw = 'room1-gw';
  const own = run.plan.nodes.find((n) => n.name === gw)!.interfaces.map((i) => i.ipv6!);
  // Everything the router sends, on every interface: forwarded packets once each, and its own (PTB, neighbour discovery).
  // A capture that lost packets cannot stand against a counter: such a round is measured again (up to 3 rounds).
  const round = async () => {
    const out = await startCapture(run, gw, 'out', '-i any -Q out');
    const before = { c: await routerCounters(run, gw), made: await ptbMade(run, gw) };
    // Small datagrams cross it both ways; 1400-byte ones make 1468-byte tunnel packets, too big for the 1460 uplink.
    const small = await sh(run, 'b', datagrams(200, 10));
    const large = await sh(run, 'b', datagrams(30, 1400));
    const after = { c: await routerCounters(run, gw), made: await ptbMade(run, gw) };
    const lost = await out.stop();
    const d = {
      forwarded: after.c.forwarded - before.c.forwarded,
      tooBig: after.c.drops['too-big'] - before.c.drops['too-big'],
      ptbSent: after.c.ptbSent - before.c.ptbSent,
      ptbDropped: after.c.drops['ptb-dropped'] - before.c.drops['ptb-dropped'],
      ptbMade: after.made - before.made,
    };
    const pcap = {
      ptb: await out.count('icmp6 and ip6[40] == 2'),
      forwarded: await out.count(`ip6 and not src net fe80::/10 ${own.map((a) => `and not src host ${a}`).join(' ')}`),
    };
    return { small, large, d, pcap, lost };
  };
  let m = await round();
  for (let i = 1; i < 3 && m.lost.dropped > 0; i++) {
    t.log(`the capture lost ${m.lost.dropped} of ${m.lost.captured + m.lost.dropped} packets: measuring again`);
    m = await round();
  }
  t.is(m.lost.dropped, 0, `the capture lost ${m.lost.dropped} of ${m.lost.captured + m.lost.dropped} packets in 3 rounds: it cannot stand against a counter`);
  const { small, large, d, pcap } = m;
  t.log(JSON.stringify({ echoed: { small: small.trim(), large: large.trim() }, counters: d, pcap }));

  t.true(d.tooBig >= 1, 'some tunnel packets were too big for the uplink');
  // Each too-big packet is answered with a Packet Too Big (its kernel's count), which left (the capture) as none was dropped.
  t.is(d.ptbMade, d.tooBig);
  t.is(d.ptbSent + d.ptbDropped, d.ptbMade);
  t.is(d.ptbDropped, 0);
  t.is(d.ptbSent, pcap.ptb);
  // Forwarded: every packet it sent that it did not make itself.
  t.true(d.forwarded >= 200, `forwarded ${d.forwarded}`);
  t.is(d.forwarded, pcap.forwarded);

  // aplus counters --json: every counted node, each saying its role; the PRR's per-SMAP rows by name.
  const r = await cli('counters', '--run', run.runId, '--json');
  t.is(r.code, 0, r.err);
  const all = JSON.parse(r.out) as Record<string, NodeCountersJson>;
  t.deepEqual(Object.entries(all).map(([n, c]) => `${n} ${c.role}`).sort(), ['prr prr', 'renater router', 'room1 smap', 'room1-gw router', 'room2 smap', 'sixxs router']);
  t.deepEqual((all.prr as CountersFileJson).smaps.map((s) => [s.name, s.ipv6, formatPortSet(s.ports)]), [
    ['room1', '2001:db8:7301:4666::1', '10000-11000'],
    ['room2', '2001:db8:7301:1280::1', '11001-12000'],
  ]);
  const text = await cli('counters', '--run', run.runId);
  t.regex(text.out, /^ {2}smap room2 11001-12000 /m);
  t.regex(text.out, /^room1-gw +\d+ +\d+ +\d+ +0$/m);
});

test.serial('a run on rooms without a DHCP MTU names the PRR\'s too-big drops for each SMAP as the cause of its failed flows', async (t) => {
  // Clients at 1500 behind tunnels of 1460 and 1400: the server's full-size segments (DF) are too big for
  // the tunnel, and the PRR drops them without a word (the paper's Call of Duty); the downloads time out.
  const file = tempFile('mtu-causes.yaml', `name: mtu-causes
topology: ${process.cwd()}/topologies/mtu-rooms.yaml
traffic:
  - { profile: base, speed: 4 }
assertions:
  - { check: delivery, atLeast: 0.99, expect: fail, because: the tunnels are narrower than the clients' MTU and nothing says so }
`);
  const result = await runScenario(loadScenario(file), { emit: silent, evidenceDir: tmpdir() });
  const failed = result.measured.flows.filter((f) => !f.ok);
  t.log(result.verdicts.map((v) => v.message).join('\n'));
  t.log(JSON.stringify(failed.map((f) => [f.client, f.reason, f.cause?.text])));
  // A stalled download ends as a timeout, or as deadline when the run's end comes first.
  const stalled = failed.filter((x) => x.reason === 'timeout' || x.reason === 'deadline');
  t.true(stalled.length > 0, 'some downloads stalled');
  for (const f of stalled) {
    t.like(f.cause, { kind: 'drop', node: 'prr', counter: `smaps[${f.smap}].drops.too-big` }, `${f.client}: ${f.cause?.text}`);
  }
  t.regex(result.verdicts[0]!.message, /failed: .*(timeout|deadline) \d+.*; .*PRR dropped [\d,]+ too-big for SMAP room/);
  // The routers' counters are in the result too, and the PRR's rows carry the SMAPs' names.
  t.deepEqual(Object.keys(result.measured.routers ?? {}).sort(), ['renater', 'room1-gw', 'sixxs']);
  t.deepEqual(result.measured.counters.prr?.smaps?.map((s) => s.name), ['room1', 'room2']);
});

test.serial('the scenarios\' ICMP capture, stopped right after the last Packet Too Big, has every one the router\'s counter saw leave', async (t) => {
  // 1400-byte datagrams from b make tunnel packets too big for room1-gw's uplink: each is answered with
  // a Packet Too Big. The capture stops about 50 ms after the last was sent (less than the second libpcap
  // may hold packets without --immediate-mode); UDP is not sent again, so nothing leaves after: the two
  // counts must be equal.
  await using run = await upFile('topologies/mtu-rooms.yaml');
  const gw = 'room1-gw';
  const capture = await startIcmpCapture(run, [gw]);
  const before = await routerCounters(run, gw);
  await sh(run, 'b', echoDatagrams(WEB, ECHO, 30, { size: 1400, everyMs: 2, waitMs: 50 }));
  const captured = (await capture.stop())[gw]?.packetTooBig;
  const counted = (await routerCounters(run, gw)).ptbSent - before.ptbSent;
  t.log(`room1-gw Packet Too Big: captured ${captured}, counted ${counted}`);
  t.true(counted >= 1);
  t.is(captured, counted);
});
