// A UDP echo server for the long-lived flows (games, VoIP, DHT): every
// datagram goes back to where it came from. Flows are logged once each,
// when silent for `udpIdle` seconds or when the server closes, with their
// packet and byte counts, so a 50-packets-per-second call is one line.
import { createSocket } from 'node:dgram';
import { listen } from './dns-server';
import type { JsonLog } from './json-log';

interface UdpFlow {
  readonly peer: string;
  readonly peerPort: number;
  readonly first: number;
  last: number;
  packets: number;
  bytes: number;
}

export interface UdpEcho {
  close(): void;
}

export async function startUdpEcho(port: number, bind: string, idleS: number, log: JsonLog): Promise<UdpEcho> {
  const sock = createSocket('udp4');
  const flows = new Map<string, UdpFlow>();
  const flush = (key: string, f: UdpFlow) => {
    flows.delete(key);
    log.write({ event: 'udp', peer: f.peer, peerPort: f.peerPort, local: bind, localPort: port, packets: f.packets, bytesUp: f.bytes, bytesDown: f.bytes, ms: f.last - f.first });
  };
  sock.on('message', (msg, from) => {
    sock.send(msg, from.port, from.address);
    const key = `${from.address}:${from.port}`;
    const now = Date.now();
    const f = flows.get(key) ?? { peer: from.address, peerPort: from.port, first: now, last: now, packets: 0, bytes: 0 };
    f.last = now;
    f.packets++;
    f.bytes += msg.length;
    flows.set(key, f);
  });
  await listen(sock, port, bind);
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [k, f] of flows) if (now - f.last > idleS * 1000) flush(k, f);
  }, 1000);
  sweep.unref();
  return {
    close: () => {
      clearInterval(sweep);
      for (const [k, f] of flows) flush(k, f);
      sock.close();
    },
  };
}
