// The probe echo of the emulated Internet: the pmtu and udp-df probes' peer.
// Every datagram gets a short reply (probe-wire.ts echoReply: its length and
// first bytes), so that only the path toward the echo is measured.
import { createSocket } from 'node:dgram';
import { echoReply } from './probe-wire';

/** The echo service's port (RFC 862), the probes' default. */
export const PROBE_ECHO_PORT = 7;

export interface ProbeEcho {
  /** Stops answering; idempotent. */
  close(): void;
}

/** Resolves once bound to bind:port; rejects (EADDRINUSE, EACCES...) if it cannot bind. */
export async function startProbeEcho(port: number, bind: string): Promise<ProbeEcho> {
  const sock = createSocket('udp4');
  sock.on('message', (msg, from) => {
    sock.send(echoReply(msg), from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.bind(port, bind, () => {
      sock.off('error', reject);
      resolve();
    });
  });
  // A reply that cannot be sent (an unreachable client) is the probe's loss, not the server's failure.
  sock.on('error', () => undefined);
  let closed = false;
  return {
    close: () => {
      if (closed) return;
      closed = true;
      sock.close();
    },
  };
}
