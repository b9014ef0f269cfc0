// The pmtu probe: DF datagrams of varying size to the probe echo, the path
// MTU being the largest IPv4 packet whose echo came back (path-mtu-search.ts).
// IP_PMTUDISC_PROBE keeps DF on and lets us send above the path MTU the kernel
// learned, so that what ICMP says (recorded, as tracepath would report it) and
// what gets through can differ, as they did in the paper (IV-B).
import type { PmtuOptions } from './probe-args';
import type { ProbeFindings } from './probe-record';
import { describeEvent, fragNeededMtu, MtuLog } from './icmp-events';
import { interfaceMtuOf } from './interface-mtu';
import { searchLargest } from './path-mtu-search';
import { EMSGSIZE, errnoName, UdpProbe, type ProbeEvent } from './probe-io';
import { arrivedWhole, decodeProbe, encodeProbe, MAX_IPV4_PACKET, MIN_IPV4_MTU, parseReply } from './probe-wire';

type Verdict = 'fits' | 'too-big' | 'lost' | undefined;

export function runPmtu(o: PmtuOptions): ProbeFindings {
  const sock = UdpProbe.open(o.server, o.port, 'probe');
  try {
    const mtus = new MtuLog();
    let problem: string | undefined;
    let seq = 0;

    /** Whether a probe of `size` bytes gets its echo within `tries` tries. */
    const fits = (size: number): boolean => {
      const mine = new Set<number>(); // the seqs sent at this size: a late echo of any of them counts
      const judge = (ev: ProbeEvent): Verdict => {
        if (ev.kind === 'timeout') return undefined;
        if (ev.kind === 'data') {
          const r = parseReply(ev.bytes);
          return r && mine.has(r.seq) && arrivedWhole(r) ? 'fits' : undefined;
        }
        const mtu = fragNeededMtu(ev);
        if (mtu !== undefined) {
          mtus.add(mtu);
          // A router said it did not fit: no need to wait. Without a quote, it is about the last probe.
          const about = ev.kind === 'icmp' && ev.quote ? decodeProbe(ev.quote) : undefined;
          return about === undefined || mine.has(about.seq) ? 'too-big' : undefined;
        }
        problem = describeEvent(ev);
        return ev.kind === 'local' && ev.errno === EMSGSIZE ? 'too-big' : 'lost';
      };
      const drain = (): Verdict => {
        for (let ev = sock.wait(0); ev.kind !== 'timeout'; ev = sock.wait(0)) {
          const v = judge(ev);
          if (v === 'fits' || v === 'too-big') return v;
        }
        return undefined;
      };
      for (let t = 0; t < o.tries; t++) {
        const before = drain();
        if (before) return before === 'fits';
        const s = seq++;
        mine.add(s);
        const payload = encodeProbe(s, size);
        let sent = sock.send(payload);
        if (sent < 0) {
          // A pending ICMP error fails one send: read it, then send again.
          const v = drain();
          if (v) return v === 'fits';
          sent = sock.send(payload);
        }
        if (sent === -EMSGSIZE) return false; // larger than the interface's MTU
        if (sent < 0) {
          problem = `send: ${errnoName(sent)}`;
          continue;
        }
        const deadline = Date.now() + o.waitMs;
        for (let left = o.waitMs; left > 0; left = deadline - Date.now()) {
          const v = judge(sock.wait(left));
          if (v === 'fits') return true;
          if (v === 'too-big') return false;
          if (v === 'lost') break;
        }
      }
      return false;
    };

    const ifMtu = o.max ?? interfaceMtuOf(sock.localAddress()) ?? sock.mtu();
    const max = Math.min(MAX_IPV4_PACKET, Math.max(MIN_IPV4_MTU, ifMtu));
    const { largest } = searchLargest(MIN_IPV4_MTU, max, fits);
    if (largest !== undefined) return { ok: true, pathMtu: largest, icmpMtus: mtus.values };
    return { ok: false, reason: `no-echo${problem ? `: ${problem}` : ''}`, icmpMtus: mtus.values };
  } finally {
    sock.close();
  }
}
