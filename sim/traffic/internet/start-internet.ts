// The emulated Internet in one process: DNS, the TCP servers, the peers
// listener and the UDP echo, started together; it is up when every socket
// listens, and a failure to bind closes what was opened and rejects.
import type { Socket } from 'node:dgram';
import { startDnsServer } from './dns-server';
import { InternetConfigError, type InternetConfig } from './internet-config';
import { startProbeEcho } from '../../probes/probe-echo';
import { openJsonLog } from './json-log';
import { startTcpServer, type TcpServer } from './tcp-server';
import { startUdpEcho, type UdpEcho } from './udp-echo';

export interface RunningInternet extends AsyncDisposable {
  readonly config: InternetConfig;
  /** Idempotent: stops listening, drops open connections, flushes the log. */
  close(): Promise<void>;
}

export async function startInternet(config: InternetConfig): Promise<RunningInternet> {
  const log = openJsonLog(config.log);
  const servers: TcpServer[] = [];
  const dgrams: Socket[] = [];
  const echoes: UdpEcho[] = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      echoes.forEach((e) => e.close());
      dgrams.forEach((d) => d.close());
      await Promise.all(servers.map((s) => s.close()));
      await log.close();
    })());
  try {
    dgrams.push(await startDnsServer(config, log));
    // A port in both lists is one server: the peers' name wins in the log.
    const tcp = new Set(config.tcpPorts.filter((p) => !config.peerPorts.includes(p)));
    for (const p of tcp) servers.push(await startTcpServer(p, config.bind, 'tcp', log));
    for (const p of new Set(config.peerPorts)) servers.push(await startTcpServer(p, config.bind, 'peer', log));
    // The DNS port is the DNS server's, not an echo, even if a profile lists it.
    for (const p of new Set(config.udpPorts.filter((u) => u !== config.dnsPort))) echoes.push(await startUdpEcho(p, config.bind, config.udpIdleS, log));
    if (config.probeEchoPort !== undefined) {
      if (config.probeEchoPort === config.dnsPort || config.udpPorts.includes(config.probeEchoPort)) {
        throw new InternetConfigError(`probeEcho: port ${config.probeEchoPort} is already the DNS server's or an echo's`);
      }
      echoes.push(await startProbeEcho(config.probeEchoPort, config.bind));
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { config, close, [Symbol.asyncDispose]: close };
}
