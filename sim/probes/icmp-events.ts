// Reading the probe socket's events (probe-io.ts ProbeEvent): the MTU an ICMP
// "fragmentation needed" announced (RFC 1191), the MTUs seen so far, and
// one-line descriptions of the rest for a probe's reason.
import { errnoName, type ProbeEvent } from './probe-io';

const DEST_UNREACHABLE = 3;
const FRAG_NEEDED = 4;

const UNREACHABLE: Readonly<Record<number, string>> = {
  0: 'net unreachable',
  1: 'host unreachable',
  2: 'protocol unreachable',
  3: 'port unreachable',
  4: 'fragmentation needed',
  9: 'net prohibited',
  10: 'host prohibited',
  13: 'administratively prohibited',
};

/** The next-hop MTU of an ICMP "fragmentation needed"; undefined for any other event.
 * 0 when the router did not say (pre-RFC 1191 routers). */
export function fragNeededMtu(ev: ProbeEvent): number | undefined {
  return ev.kind === 'icmp' && ev.type === DEST_UNREACHABLE && ev.code === FRAG_NEEDED ? ev.info : undefined;
}

/** The MTUs ICMP announced: distinct, in the order first seen. */
export class MtuLog {
  private readonly seen: number[] = [];

  add(mtu: number): void {
    if (mtu > 0 && !this.seen.includes(mtu)) this.seen.push(mtu);
  }

  get values(): readonly number[] {
    return [...this.seen];
  }
}

/** "ICMP port unreachable from 198.51.100.80", "EMSGSIZE": for a probe's reason. */
export function describeEvent(ev: ProbeEvent): string {
  switch (ev.kind) {
    case 'icmp': {
      const what = ev.type === DEST_UNREACHABLE ? UNREACHABLE[ev.code] ?? `destination unreachable code ${ev.code}` : `type ${ev.type} code ${ev.code}`;
      return `ICMP ${what}${ev.offender ? ` from ${ev.offender}` : ''}`;
    }
    case 'local':
    case 'error':
      return errnoName(ev.errno);
    case 'data':
      return 'data';
    case 'timeout':
      return 'timeout';
  }
}
