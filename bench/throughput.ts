// Throughput of the A+P data plane on seed-2010: iperf3 TCP and small-packet
// UDP from client b through SMAP room1, the lab router and the PRR to the
// server, next to the same hosts routed directly (room1 joined to the
// Internet side and routing there in the kernel: no tunnel), in one run.
// Also the daemons' memory, and whether the counters add up.
// Each measurement runs RUNS times (default 3) and the middle run is the
// figure (the lower of the two middle ones for an even count): on this
// shared 2-core machine one 5 s run varies by about 15%.
// Usage: node --import tsx bench/throughput.ts [SECONDS] [TOPOLOGY] [RUNS]   (a seed-2010-shaped topology; default seed-2010)
import { COUNTERS_FILE, type CountersFileJson as CountersJson } from '../sim/aplus/daemon/counters-file';
import { loadPlan } from '../sim/plan/index';
import { kindsRuntime, nodeStart } from '../sim/kinds/index';
import type { RunningTopology } from '../sim/runtime/index';
import { silent } from '../sim/report/events';

const SECONDS = Number(process.argv[2] ?? 5);
const RUNS = Math.max(1, Math.floor(Number(process.argv[4] ?? 3)));
const WEB = '198.51.100.80';

interface Iperf {
  end: { sum_received?: { bits_per_second: number }; sum?: { bits_per_second: number; packets: number; lost_packets: number; seconds: number } };
}

async function sh(run: RunningTopology, node: string, cmd: string): Promise<string> {
  const r = await run.exec(node, ['sh', '-c', cmd]);
  if (r.exitCode !== 0) throw new Error(`${node}: ${cmd}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

interface Measured {
  readonly tcpGbps: number;
  readonly udpPps: number;
  readonly udpLoss: number;
  /** Every run's TCP figure, in the order run. */
  readonly tcpRuns: readonly number[];
}

/** The middle run by `key` (the lower of the two middle ones for an even count). */
const middleBy = <T>(xs: readonly T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[(xs.length - 1) >> 1]!;

async function measure(run: RunningTopology): Promise<Measured> {
  const tcpRuns: number[] = [];
  const udps: Array<{ pps: number; loss: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const tcp = JSON.parse(await sh(run, 'b', `iperf3 -c ${WEB} -t ${SECONDS} -J`)) as Iperf;
    tcpRuns.push(tcp.end.sum_received!.bits_per_second / 1e9);
    // Small packets: 64-byte UDP payloads at an unlimited rate; pps counted at the receiver.
    const udp = JSON.parse(await sh(run, 'b', `iperf3 -c ${WEB} -u -b 0 -l 64 -t ${SECONDS} -J`)) as Iperf;
    const s = udp.end.sum!;
    udps.push({ pps: (s.packets - s.lost_packets) / s.seconds, loss: s.lost_packets / Math.max(1, s.packets) });
  }
  // The UDP figure and its loss come from the same run.
  const udp = middleBy(udps, (u) => u.pps);
  return { tcpGbps: middleBy(tcpRuns, (g) => g), udpPps: udp.pps, udpLoss: udp.loss, tcpRuns };
}

/** Resident memory of the node's daemon (its only node process), in MB. */
const rssMb = async (run: RunningTopology, node: string) => Number(await sh(run, node, 'ps -o rss= -C node | head -1')) / 1024;

async function main(): Promise<void> {
  const runtime = await kindsRuntime();
  const { plan } = loadPlan(process.argv[3] ?? 'topologies/seed-2010.yaml');
  await using run = await runtime.up(plan, { emit: silent, start: (n) => nodeStart(n, plan) });
  const counters = async (n: string) => JSON.parse(await sh(run, n, `cat ${COUNTERS_FILE}`)) as CountersJson;

  const tunnel = await measure(run);
  // The daemons rewrite their counter files at most once a second while packets
  // flow: wait for the last write, so that both files tell the same moment.
  await new Promise((r) => setTimeout(r, 1500));
  const prr = await counters('prr');
  const room1 = await counters('room1');
  const memory = { prr: await rssMb(run, 'prr'), smap: await rssMb(run, 'room1') };

  // The same hosts, routed directly: room1 on the Internet side, NAT to its own address there.
  await sh(run, 'room1', 'ip route del default; ip route del 198.51.100.26/32 dev tnl0');
  await run.joinNetwork('room1', 'internet', 'inet2', '198.51.100.31');
  await sh(run, 'room1', `ip route replace default via ${WEB} dev $(ip -o -4 addr show | awk '/198\\.51\\.100\\.31/ {print $2}') && nft add rule ip aplus postrouting ip saddr 192.168.1.0/24 oifname != "tnl0" masquerade`);
  const direct = await measure(run);

  const row = (name: string, m: typeof tunnel) =>
    `${name.padEnd(22)} ${m.tcpGbps.toFixed(2).padStart(8)} Gbit/s TCP   ${Math.round(m.udpPps).toString().padStart(8)} pkt/s UDP-64 (loss ${(m.udpLoss * 100).toFixed(1)}%)`;
  console.log(`iperf3, ${SECONDS} s each, middle of ${RUNS} runs, client b -> server web (${WEB})`);
  console.log(row('A+P tunnel (user space)', tunnel));
  console.log(row('direct (kernel routing)', direct));
  const runs = (m: Measured) => m.tcpRuns.map((g) => g.toFixed(2)).join(', ');
  console.log(`TCP runs, Gbit/s: tunnel ${runs(tunnel)}; direct ${runs(direct)}`);
  console.log(`ratio tunnel/direct: TCP ${(tunnel.tcpGbps / direct.tcpGbps).toFixed(2)}, UDP pps ${(tunnel.udpPps / direct.udpPps).toFixed(2)}`);
  console.log(`daemon memory (RSS): PRR ${memory.prr.toFixed(0)} MB, SMAP ${memory.smap.toFixed(0)} MB`);
  const drops = (c: CountersJson) => Object.entries(c.drops).filter(([, n]) => n > 0).map(([r, n]) => `${r}=${n}`).join(' ') || 'none';
  const k = (c: CountersJson) => `TUN queue ${c.kernel.tunQueue}, raw socket ${c.kernel.rawSocket}`;
  console.log(`counters, tunnel run: SMAP room1 sent up ${room1.upstream.packets}; PRR forwarded ${prr.upstream.packets}, dropped ${drops(prr)}, kernel drops ${k(prr)}`);
  console.log(`  unaccounted upstream (lost between the two daemons, e.g. in the router): ${room1.upstream.packets - prr.upstream.packets - prr.kernel.rawSocket - Object.values(prr.drops).reduce((a, b) => a + b, 0)}`);
  console.log(`  PRR sent down ${prr.downstream.packets}, room1 delivered ${room1.downstream.packets}, dropped ${drops(room1)}, kernel drops ${k(room1)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
