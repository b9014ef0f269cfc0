// The MTU of the interface that holds a local address: the pmtu probe's
// default upper bound. Not IP_MTU, which gives a path MTU the kernel learned
// earlier (from ICMP) when it has one, and would cap the search below what
// echoes could still show.
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/** From /sys/class/net/<interface>/mtu; undefined when no interface holds `address`. */
export function interfaceMtuOf(address: string): number | undefined {
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    // Node 18.0-18.3 gave `family` as a number.
    if (!addrs?.some((a) => a.address === address && (a.family === 'IPv4' || (a.family as unknown) === 4))) continue;
    try {
      const mtu = Number(readFileSync(`/sys/class/net/${name}/mtu`, 'utf8').trim());
      return Number.isInteger(mtu) && mtu > 0 ? mtu : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
