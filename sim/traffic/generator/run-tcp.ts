// One TCP flow (tcp and peers activities): connect, ask for bytesDown,
// send bytesUp (wire-protocol.ts), and keep the connection open until its
// hold has passed since the start, so the NAT keeps the port that long.
// Every way it can end is one finish() with a reason; it never throws.
import { connect } from 'node:net';
import { reasonOf } from './failure-reason';
import type { FailureReason, Measurement } from './flow-record';
import { ioTimeout, type IoTimeout } from './io-timeout';
import { encodeRequest, writeFiller } from './wire-protocol';

export interface TcpTask {
  readonly host: string;
  readonly port: number;
  readonly bytesUp: number;
  readonly bytesDown: number;
  readonly holdMs: number;
  readonly connectTimeoutMs: number;
  /** Past the hold, how long the transfer may still take before the flow is a timeout. */
  readonly flowTimeoutMs: number;
  /** The flow's tag for the server's log (wire-protocol.ts). */
  readonly flow?: string;
}

/** How long a closing connection may take to see the server's FIN before it is destroyed. */
const CLOSE_WAIT_MS = 1000;

export function runTcp(task: TcpTask, signal: AbortSignal): Promise<Measurement> {
  return new Promise((resolve) => {
    const started = Date.now();
    const header = encodeRequest({ bytesDown: task.bytesDown, bytesUp: task.bytesUp, ...(task.flow === undefined ? {} : { flow: task.flow }) });
    const sock = connect({ host: task.host, port: task.port });
    let connected = false;
    let sentAll = task.bytesUp === 0;
    let bytesDown = 0;
    let localPort: number | undefined;
    let done = false;
    const timers: IoTimeout[] = [];
    const later = (ms: number, f: () => void) => timers.push(ioTimeout(ms, f));

    const finish = (m: { ok: boolean; reason?: FailureReason; error?: string }, graceful = false) => {
      if (done) return;
      done = true;
      timers.forEach((t) => t.clear());
      signal.removeEventListener('abort', onAbort);
      const bytesUp = Math.max(0, Math.min(task.bytesUp, sock.bytesWritten - header.length));
      if (graceful) {
        // Close as a client does (FIN), and give the server's FIN a moment; the flow is measured already.
        sock.end();
        setTimeout(() => sock.destroy(), CLOSE_WAIT_MS).unref();
      } else sock.destroy();
      resolve({ ...m, started, ended: Date.now(), bytesUp, bytesDown, ...(localPort === undefined ? {} : { localPort }) });
    };
    const onAbort = () => finish({ ok: false, reason: 'deadline' });
    const complete = () => {
      if (!sentAll || bytesDown < task.bytesDown) return;
      // The timer clock is libuv's cached loop time, which can lag Date.now() by a
      // millisecond or two: wait again until the hold has really passed.
      const holdEnd = () => (Date.now() >= started + task.holdMs ? finish({ ok: true }, true) : later(started + task.holdMs - Date.now(), holdEnd));
      later(started + task.holdMs - Date.now(), holdEnd);
    };

    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    later(task.connectTimeoutMs, () => {
      if (!connected) finish({ ok: false, reason: 'timeout', error: 'connect' });
    });
    later(task.holdMs + task.flowTimeoutMs, () => finish({ ok: false, reason: 'timeout', error: 'transfer' }));
    sock.on('error', (e) => finish({ ok: false, ...reasonOf(e) }));
    sock.on('data', (chunk: Buffer) => {
      bytesDown += chunk.length;
      complete();
    });
    sock.on('end', () => {
      if (bytesDown < task.bytesDown || !sentAll) finish({ ok: false, reason: 'truncated' });
    });
    sock.on('connect', () => {
      connected = true;
      localPort = sock.localPort;
      sock.write(header);
      void writeFiller(sock, task.bytesUp).then((all) => {
        sentAll = all;
        complete();
      });
      complete();
    });
  });
}
