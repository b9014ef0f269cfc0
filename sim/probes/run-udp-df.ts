// The udp-df probe: `count` DF datagrams of `size` bytes, one every
// `intervalMs`, to the probe echo. Without `adapts` it is the paper's Call
// of Duty (IV-B, IV-D): IP_PMTUDISC_PROBE keeps DF on and ignores the path
// MTU, so datagrams too big for the path die every time. With `adapts` it is
// a well-behaved sender (IP_PMTUDISC_DO): told the MTU by IP_MTU, EMSGSIZE or
// an ICMP "fragmentation needed", it shrinks its datagrams and goes on.
import type { UdpDfOptions } from './probe-args';
import type { ProbeFindings } from './probe-record';
import { describeEvent, fragNeededMtu, MtuLog } from './icmp-events';
import { EMSGSIZE, errnoName, UdpProbe, type ProbeEvent } from './probe-io';
import { arrivedWhole, encodeProbe, MIN_IPV4_MTU, parseReply } from './probe-wire';

/** Sends of one datagram after a failed one (a pending ICMP error fails one send). */
const RESENDS = 3;

export function runUdpDf(o: UdpDfOptions): ProbeFindings {
  const sock = UdpProbe.open(o.server, o.port, o.adapts ? 'do' : 'probe');
  try {
    const mtus = new MtuLog();
    const sentSeqs = new Set<number>();
    const echoed = new Set<number>();
    let size = o.size;
    let problem: string | undefined;

    const shrinkTo = (mtu: number | undefined) => {
      if (o.adapts && mtu !== undefined && mtu >= MIN_IPV4_MTU && mtu < size) size = mtu;
    };
    const handle = (ev: ProbeEvent) => {
      if (ev.kind === 'data') {
        const r = parseReply(ev.bytes);
        if (r && sentSeqs.has(r.seq) && arrivedWhole(r)) echoed.add(r.seq);
        return;
      }
      const mtu = fragNeededMtu(ev);
      if (mtu !== undefined) {
        mtus.add(mtu);
        shrinkTo(mtu);
      } else if (ev.kind === 'local' && ev.errno === EMSGSIZE) shrinkTo(ev.info);
      else if (ev.kind !== 'timeout') problem = describeEvent(ev);
    };
    /** Handles events until `t` (epoch ms); a time past only drains what is there. */
    const waitUntil = (t: number, enough = () => false) => {
      for (;;) {
        const ev = sock.wait(Math.max(0, t - Date.now()));
        if (ev.kind === 'timeout') return;
        handle(ev);
        if (enough()) return;
      }
    };

    if (o.adapts) shrinkTo(sock.mtu());
    const t0 = Date.now();
    for (let seq = 0; seq < o.count; seq++) {
      waitUntil(t0 + seq * o.intervalMs);
      let r = sock.send(encodeProbe(seq, size));
      for (let again = 0; r < 0 && again < RESENDS; again++) {
        waitUntil(0);
        if (r === -EMSGSIZE) shrinkTo(sock.mtu());
        r = sock.send(encodeProbe(seq, size));
      }
      if (r >= 0) sentSeqs.add(seq);
      else problem = errnoName(r);
    }
    waitUntil(Date.now() + o.waitMs, () => echoed.size === sentSeqs.size);

    const sent = sentSeqs.size;
    const received = echoed.size;
    const reason = received > 0 ? undefined : sent === 0 ? `send-failed${problem ? `: ${problem}` : ''}` : `no-echo${problem ? `: ${problem}` : ''}`;
    return { ok: received > 0, ...(reason ? { reason } : {}), sent, received, size, adapts: o.adapts, icmpMtus: mtus.values };
  } finally {
    sock.close();
  }
}
