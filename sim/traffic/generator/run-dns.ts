// One DNS lookup: an A query over UDP from a fresh socket, so that each
// lookup takes its own source port through the NAT as a stub resolver's
// does (paper II-A counts those ports). Built by hand (dns-message.ts)
// rather than node:dns, whose resolver reuses sockets and retries.
import { createSocket } from 'node:dgram';
import { decodeAnswer, encodeQuery, RCODE } from './dns-message';
import { reasonOf } from './failure-reason';
import { ioTimeout, type IoTimeout } from './io-timeout';
import type { FailureReason, Measurement } from './flow-record';

export interface DnsTask {
  readonly server: string;
  readonly port: number;
  readonly name: string;
  readonly id: number;
  readonly timeoutMs: number;
}

export function runDns(task: DnsTask, signal: AbortSignal): Promise<Measurement> {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = createSocket('udp4');
    const query = encodeQuery(task.id, task.name);
    let localPort: number | undefined;
    let bytesDown = 0;
    let done = false;
    const finish = (m: { ok: boolean; reason?: FailureReason; error?: string; answer?: string }) => {
      if (done) return;
      done = true;
      timer?.clear();
      signal.removeEventListener('abort', onAbort);
      sock.close();
      const sent = localPort === undefined ? 0 : query.length;
      resolve({ ...m, started, ended: Date.now(), bytesUp: sent, bytesDown, packetsUp: sent ? 1 : 0, packetsDown: bytesDown ? 1 : 0, ...(localPort === undefined ? {} : { localPort }) });
    };
    const onAbort = () => finish({ ok: false, reason: 'deadline' });
    // Armed when the query leaves, not when the socket is made: a generator
    // starved of CPU between the two would otherwise spend the wait on itself.
    let timer: IoTimeout | undefined;
    signal.addEventListener('abort', onAbort, { once: true });
    sock.on('error', (e) => finish({ ok: false, ...reasonOf(e) }));
    sock.on('message', (msg, from) => {
      // Only the server's answer to this query counts; anything else is ignored, as a resolver does.
      if (from.address !== task.server || from.port !== task.port) return;
      const a = decodeAnswer(msg);
      if (!a.ok) return finish({ ok: false, reason: 'dns-error', error: a.reason });
      if (a.value.id !== (task.id & 0xffff)) return;
      bytesDown = msg.length;
      const { rcode, addresses } = a.value;
      if (rcode === RCODE.nxDomain) return finish({ ok: false, reason: 'dns-nxdomain' });
      if (rcode !== RCODE.noError) return finish({ ok: false, reason: 'dns-error', error: `rcode ${rcode}` });
      if (addresses.length === 0) return finish({ ok: false, reason: 'dns-no-answer' });
      finish({ ok: true, answer: addresses[0]! });
    });
    if (signal.aborted) return onAbort();
    // Bind first so that a kernel out of ports says so here (EADDRINUSE/EAGAIN), not as a timeout.
    sock.bind(0, () => {
      if (done) return;
      localPort = sock.address().port;
      sock.send(query, task.port, task.server, (e) => {
        if (e) finish({ ok: false, ...reasonOf(e) });
      });
      timer = ioTimeout(task.timeoutMs, () => finish({ ok: false, reason: 'dns-timeout' }));
    });
  });
}
