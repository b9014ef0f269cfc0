// An IPv4 Internet server: the emulated Internet the generators talk to
// (DNS on 53 answering every name with this server's address, the TCP and
// UDP ports every shipped profile uses: docs/traffic.md), on 8080 an HTTP
// server that says who it sees (address and port) and logs every request, so
// tests can check the shared address and the ranges from the far side with
// curl, and on 5201 an iperf3 server for throughput through the tunnel.
import { READY_MARK } from '../aplus/daemon/run-daemon';
import type { Plan, PlannedNode } from '../plan/plan-types';
import { PROBE_ECHO_PORT } from '../probes/probe-echo';
import { listProfiles, loadProfile } from '../traffic/load-profile';
import { makeDirs, type Step } from '../node-setup/steps';
import type { NodeKind } from './node-kind';
import { LOG_DIR, PROGRAMS, RUN_DIR, SERVER_FILES } from './paths';

export const HTTP_ECHO_PORT = 8080;
/** iperf3's own default port: `iperf3 -c SERVER` from a client needs no -p. No profile uses it. */
export const IPERF_PORT = 5201;

/**
 * The torrent swarm (paper II-B4: more than 400 ports at once, few peers
 * reused): distinct peer addresses in the emulated Internet's 198.18.0.0/15,
 * all held by the first server; the PRR routes them to it.
 */
export const PEERS = { prefix: '198.18.0.0/22', first: '198.18.0.1', count: 1022 } as const;

/** The ports the shipped profiles use, by kind: what the server must listen on. */
export function profilePorts(): { tcp: number[]; peers: number[]; udp: number[] } {
  const tcp = new Set<number>(), peers = new Set<number>(), udp = new Set<number>();
  for (const name of listProfiles()) {
    for (const phase of loadProfile(name).profile.phases) {
      for (const a of phase.activities) {
        if (a.kind === 'tcp') tcp.add(a.port);
        else if (a.kind === 'peers') peers.add(a.port);
        else if (a.kind === 'udp') udp.add(a.port);
      }
    }
  }
  const sorted = (s: Set<number>) => [...s].filter((p) => p !== HTTP_ECHO_PORT).sort((a, b) => a - b);
  return { tcp: sorted(tcp), peers: sorted(peers), udp: sorted(udp) };
}

/** The swarm's peer addresses, as one `ip -batch` input. */
export function peerAddresses(): string {
  return Array.from({ length: PEERS.count }, (_, k) => `addr add 198.18.${(k + 1) >> 8}.${(k + 1) & 255}/32 dev inet\n`).join('');
}

/**
 * A server of the emulated Internet. When the topology has a PRR, the shared
 * address is routed to the PRR's own address, as the Internet routes it to
 * the ISP. On-link through the PRR's proxy ARP it worked too, but the kernel
 * answers proxy ARP after a random wait of up to 0.8 s, and a burst of
 * answers sent meanwhile overflowed the server's queue of packets waiting for
 * that address (about 112 DNS answers lost when clients started together).
 */
function setup(node: PlannedNode, plan: Plan): Step[] {
  const prr = plan.nodes.find((n) => n.role === 'prr')?.prrRole;
  const firstServer = plan.nodes.find((n) => n.role === 'server') === node;
  const ports = profilePorts();
  const config = {
    bind: '0.0.0.0',
    dnsPort: 53,
    dns: { default: node.interfaces[0]!.ipv4 },
    tcpPorts: ports.tcp,
    peerPorts: ports.peers,
    udpPorts: ports.udp,
    probeEcho: PROBE_ECHO_PORT,
    log: SERVER_FILES.internetLog,
  };
  const daemon = (name: string, argv: string[], log: string): Step => ({ daemon: name, argv, log, ready: READY_MARK, seconds: 20, supervise: true });
  return [
    makeDirs(RUN_DIR, LOG_DIR),
    ...(prr ? prr.shared.map((a): Step => ({ run: ['ip', 'route', 'add', `${a}/32`, 'via', prr.ipv4, 'dev', 'inet'] })) : []),
    ...(firstServer ? [{ run: ['ip', '-batch', '-'], input: peerAddresses() }] : []),
    { write: SERVER_FILES.internetConfig, text: `${JSON.stringify(config)}\n` },
    daemon('internet', ['node', PROGRAMS.internet, '--config', SERVER_FILES.internetConfig], SERVER_FILES.internetOut),
    daemon('http', ['node', PROGRAMS.httpEcho, '--port', String(HTTP_ECHO_PORT), '--log', SERVER_FILES.httpLog], SERVER_FILES.httpOut),
    // iperf3 buffers its own output in a file, so the socket, not a line,
    // says it is ready. It serves one test at a time and is not supervised:
    // the emulated Internet does not depend on it.
    { run: ['iperf3', '--server', '--port', String(IPERF_PORT), '--daemon', '--pidfile', SERVER_FILES.iperfPid, '--logfile', SERVER_FILES.iperfLog] },
    { waitListening: IPERF_PORT, seconds: 10, log: SERVER_FILES.iperfLog },
  ];
}

export const serverKind: NodeKind = {
  role: 'server',
  image: { programs: { 'http-echo.mjs': 'sim/traffic/http-echo.ts', 'internet.mjs': 'sim/traffic/internet/internet-main.ts' }, addons: [] },
  cpuWeight: 4096,
  routing: false,
  sysctls: () => ({}),
  setup,
  files: { internetLog: SERVER_FILES.internetLog, httpLog: SERVER_FILES.httpLog, iperfLog: SERVER_FILES.iperfLog },
};
