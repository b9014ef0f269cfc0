// One long-lived UDP flow (voice, game state): `size`-byte packets at
// `rate` per second for the hold, from one socket, so it keeps one NAT port;
// the server echoes each. It is ok if any echo came back: a NAT that
// mapped the flow passes the replies.
import { createSocket } from 'node:dgram';
import { reasonOf } from './failure-reason';
import { ioTimeout, type IoTimeout } from './io-timeout';
import type { FailureReason, Measurement } from './flow-record';

export interface UdpTask {
  readonly host: string;
  readonly port: number;
  readonly rate: number;
  readonly size: number;
  readonly holdMs: number;
  /** After the last packet, how long to wait for its echo. */
  readonly echoWaitMs: number;
}

export function runUdp(task: UdpTask, signal: AbortSignal): Promise<Measurement> {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = createSocket('udp4');
    const payload = Buffer.alloc(task.size, 0x75);
    // At least one packet, even for a hold shorter than one period.
    const total = Math.max(1, Math.round((task.holdMs / 1000) * task.rate));
    let packetsUp = 0;
    let packetsDown = 0;
    let bytesDown = 0;
    let localPort: number | undefined;
    let done = false;
    let ticker: NodeJS.Timeout | undefined;
    let waiter: IoTimeout | undefined;

    const finish = (m: { ok: boolean; reason?: FailureReason; error?: string }) => {
      if (done) return;
      done = true;
      clearInterval(ticker);
      waiter?.clear();
      signal.removeEventListener('abort', onAbort);
      sock.close();
      resolve({ ...m, started, ended: Date.now(), bytesUp: packetsUp * task.size, bytesDown, packetsUp, packetsDown, ...(localPort === undefined ? {} : { localPort }) });
    };
    const settle = () => finish(packetsDown > 0 ? { ok: true } : { ok: false, reason: 'timeout', error: 'no echo' });
    const onAbort = () => (packetsDown > 0 ? settle() : finish({ ok: false, reason: 'deadline' }));
    const send = () => {
      if (done) return;
      sock.send(payload, task.port, task.host, (e) => {
        if (e) finish({ ok: false, ...reasonOf(e) });
      });
      packetsUp++;
      if (packetsUp >= total) {
        clearInterval(ticker);
        waiter = ioTimeout(task.echoWaitMs, settle);
      }
    };

    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    sock.on('error', (e) => finish({ ok: false, ...reasonOf(e) }));
    sock.on('message', (msg, from) => {
      if (from.address !== task.host || from.port !== task.port) return;
      packetsDown++;
      bytesDown += msg.length;
    });
    sock.bind(0, () => {
      if (done) return;
      localPort = sock.address().port;
      send();
      if (packetsUp < total) ticker = setInterval(send, 1000 / task.rate);
    });
  });
}
