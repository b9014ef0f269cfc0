// An IPv4 Internet server: the emulated Internet the generators talk to
// (DNS on 53 answering every name with this server's address, the TCP and
// UDP ports every shipped profile uses: docs/traffic.md), on 8080 an HTTP
// server that says who it sees (address and port) and logs every request, so
// tests can check the shared address and the ranges from the far side with
// curl, and on 5201 an iperf3 server for throughput through the tunnel.
import { READY_MARK } from '../aplus/daemon/run-daemon';
import type { PlannedNode } from '../plan/plan-types';
import { listProfiles, loadProfile } from '../traffic/load-profile';
import { startDaemon } from './shell';
import { PROBE_ECHO_PORT } from '../probes/probe-echo';

export const HTTP_LOG = '/var/log/aplus/http.jsonl';
export const HTTP_ECHO_PORT = 8080;
export const INTERNET_CONFIG = '/etc/aplus/internet.json';
/** The emulated Internet's log: one JSON line per flow it served (sim/traffic/internet/json-log.ts). */
export const INTERNET_LOG = '/var/log/aplus/internet.jsonl';
/** iperf3's own default port: `iperf3 -c SERVER` from a client needs no -p. No profile uses it. */
export const IPERF_PORT = 5201;
export const IPERF_LOG = '/var/log/aplus/iperf3.log';

/**
 * iperf3 as a daemon, waited for until it listens: its own output is
 * buffered in a file, so the socket, not a line, says it is ready. It serves
 * one test at a time and is not supervised: the emulated Internet does not
 * depend on it.
 */
export function iperfServer(): string {
  return [
    `iperf3 --server --port ${IPERF_PORT} --daemon --pidfile /run/aplus/iperf3.pid --logfile ${IPERF_LOG}`,
    `i=0; until ss -Hltn 'sport = :${IPERF_PORT}' | grep -q .; do`,
    `  i=$((i+1)); [ $i -lt 100 ] || { echo "iperf3 not listening on ${IPERF_PORT} after 10 s:" >&2; tail -n 5 ${IPERF_LOG} >&2; exit 1; }; sleep 0.1`,
    'done',
  ].join('\n');
}

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

/**
 * A server of the emulated Internet. `prr` (when the topology has one): the
 * shared address is routed to the PRR's own address, as the Internet routes
 * it to the ISP. On-link through the PRR's proxy ARP it worked too, but the
 * kernel answers proxy ARP after a random wait of up to 0.8 s, and a burst of
 * answers sent meanwhile overflowed the server's queue of packets waiting for
 * that address (about 112 DNS answers lost when clients started together).
 */
export function serverScript(node: PlannedNode, firstServer: boolean, prr?: { readonly ipv4: string; readonly shared: string }): string {
  const ports = profilePorts();
  const config = {
    bind: '0.0.0.0',
    dnsPort: 53,
    dns: { default: node.interfaces[0]!.ipv4 },
    tcpPorts: ports.tcp,
    peerPorts: ports.peers,
    udpPorts: ports.udp,
    probeEcho: PROBE_ECHO_PORT,
    log: INTERNET_LOG,
  };
  return `
mkdir -p /run/aplus /var/log/aplus /etc/aplus
${prr ? `ip route add ${prr.shared}/32 via ${prr.ipv4} dev inet` : ''}
${firstServer ? `# The swarm's ${PEERS.count} peer addresses, in one batch.
i=1; while [ $i -le ${PEERS.count} ]; do echo "addr add 198.18.$((i / 256)).$((i % 256))/32 dev inet"; i=$((i+1)); done | ip -batch -` : ''}
cat > ${INTERNET_CONFIG} <<'JSON'
${JSON.stringify(config)}
JSON
${startDaemon('internet', ['node', '/opt/aplus/internet.mjs', '--config', INTERNET_CONFIG], '/var/log/aplus/internet.log', READY_MARK)}
${startDaemon('http', ['node', '/opt/aplus/http-echo.mjs', '--port', String(HTTP_ECHO_PORT), '--log', HTTP_LOG], '/var/log/aplus/http.log', READY_MARK)}
${iperfServer()}
`;
}

/** The server lives as long as both its programs do. */
export const serverFinal = () =>
  'while kill -0 $internet_pid 2>/dev/null && kill -0 $http_pid 2>/dev/null; do sleep 1; done; echo "a server program exited" >&2; exit 1';
