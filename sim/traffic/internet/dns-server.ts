// The emulated Internet's DNS server: authoritative for every name, an A
// record from the configuration for A queries, an empty NOERROR for other
// types (so that a client asking AAAA falls back to A), NXDOMAIN when no
// pattern and no default match. Answers from the port it was asked on.
import { createSocket, type Socket } from 'node:dgram';
import { decodeQuery, encodeAnswer, RCODE, TYPE_A } from '../generator/dns-message';
import { addressFor, type InternetConfig } from './internet-config';
import type { JsonLog } from './json-log';

export async function startDnsServer(c: InternetConfig, log: JsonLog): Promise<Socket> {
  const sock = createSocket('udp4');
  sock.on('message', (msg, from) => {
    const q = decodeQuery(msg);
    if (!q.ok) return log.write({ event: 'dns-bad', peer: from.address, peerPort: from.port, reason: q.reason });
    const address = q.value.type === TYPE_A ? addressFor(c, q.value.name) : undefined;
    const rcode = q.value.type === TYPE_A && address === undefined ? RCODE.nxDomain : RCODE.noError;
    sock.send(encodeAnswer(q.value, rcode, address ? [address] : [], c.ttl), from.port, from.address);
    log.write({ event: 'dns', peer: from.address, peerPort: from.port, name: q.value.name, type: q.value.type, rcode, ...(address ? { answer: address } : {}) });
  });
  await listen(sock, c.dnsPort, c.bind);
  return sock;
}

/** Binds and resolves, or rejects with the bind error (EADDRINUSE, EACCES). */
export function listen(sock: Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    sock.once('error', reject);
    sock.bind(port, address, () => {
      sock.off('error', reject);
      // A later error (a send to a vanished peer) must not crash the server.
      sock.on('error', () => undefined);
      resolve();
    });
  });
}
