// The tcp-bulk probe: one transfer of `bytes` up or down with the emulated
// Internet's TCP server, in the generator's protocol (wire-protocol.ts),
// watched for stalls. Downloads count the bytes read; uploads count the bytes
// the server acknowledged (TCP_INFO through probeio), not those handed to the
// kernel: in a black hole (RFC 2923 2.1) the send buffer fills and nothing
// more moves. An upload is complete when the server's FIN, sent once it has
// read our FIN after every byte, comes back.
import { connect, type Socket } from 'node:net';
import { reasonOf } from '../traffic/generator/failure-reason';
import { encodeRequest, writeFiller } from '../traffic/generator/wire-protocol';
import type { TcpBulkOptions } from './probe-args';
import { loadProbeio, tcpInfo } from './probe-io';
import type { ProbeFindings } from './probe-record';
import { StallWatch } from './stall-watch';

/** How long a finished upload waits for the server's FIN before it destroys the socket. */
const CLOSE_WAIT_MS = 1000;

/** The socket's file descriptor: Node's TCP handle has it on POSIX (undocumented, there since Node 0.x). */
function fdOf(sock: Socket): number | undefined {
  const fd = (sock as unknown as { _handle?: { fd?: unknown } | null })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

function canReadTcpInfo(): boolean {
  try {
    loadProbeio();
    return true;
  } catch {
    return false;
  }
}

export function runTcpBulk(o: TcpBulkOptions): Promise<ProbeFindings> {
  return new Promise((resolve) => {
    const up = o.direction === 'up';
    const header = encodeRequest(up ? { bytesDown: 0, bytesUp: o.bytes } : { bytesDown: o.bytes, bytesUp: 0 });
    const withInfo = up && canReadTcpInfo();
    const sampleMs = Math.max(10, Math.min(100, Math.floor(o.stallMs / 4)));
    const sock = connect({ host: o.server, port: o.port });
    let watch: StallWatch | undefined; // from the connection on
    let received = 0;
    let wroteAll = false;
    let done = false;

    const clamp = (n: number) => Math.max(0, Math.min(o.bytes, n));
    const acked = (): number => {
      const fd = withInfo ? fdOf(sock) : undefined;
      if (fd !== undefined) {
        try {
          // bytesAcked counts our SYN's sequence number too (and the FIN's at the end).
          return clamp(tcpInfo(fd).bytesAcked - 1 - header.length);
        } catch {
          // the socket is closing: fall back to Node's count
        }
      }
      return clamp(sock.bytesWritten - sock.writableLength - header.length);
    };
    const moved = () => (up ? acked() : received);
    const sample = () => watch?.sample(moved(), Date.now());

    const finish = (ok: boolean, reason?: string) => {
      if (done) return;
      done = true;
      clearInterval(ticker);
      clearTimeout(timer);
      const bytes = ok ? o.bytes : moved();
      if (!ok) sample();
      if (ok) {
        sock.end();
        setTimeout(() => sock.destroy(), CLOSE_WAIT_MS).unref();
      } else sock.destroy();
      resolve({
        ok, ...(reason ? { reason } : {}),
        direction: o.direction, bytesWanted: o.bytes, bytes,
        stalls: watch?.stalls ?? 0, longestStallMs: watch?.longestStallMs ?? 0,
      });
    };

    const ticker = setInterval(sample, sampleMs);
    const timer = setTimeout(() => {
      sample();
      finish(false, !watch ? 'timeout' : watch.stalled ? 'stalled' : 'timeout');
    }, o.timeoutS * 1000);

    sock.on('connect', () => {
      watch = new StallWatch(o.stallMs, Date.now());
      sock.write(header);
      if (up) {
        void writeFiller(sock, o.bytes).then((all) => {
          wroteAll = all;
          if (all) sock.end(); // our FIN after the last byte; the server answers with its own
        });
      }
    });
    sock.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (!up && received >= o.bytes) finish(true);
    });
    sock.on('end', () => (up && wroteAll ? finish(true) : finish(false, 'truncated')));
    sock.on('error', (e) => finish(false, reasonOf(e).reason));
    sock.on('close', () => finish(false, 'truncated'));
  });
}
