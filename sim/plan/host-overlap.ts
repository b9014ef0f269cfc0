// A topology network must not cover what the host itself uses: its routes
// (its uplink), its name servers and the hosts it pins (package mirrors).
// Pure: the caller reads the host (runtime/host-prefixes.ts).
import { formatPrefix, overlaps, parsePrefix, type Prefix } from '../model/ip';
import { PlanError } from './plan-error';
import type { Plan } from './plan-types';

export interface HostPrefix {
  readonly prefix: string;
  /** What it is: "route via eth0", "name server", "/etc/hosts deb.example". */
  readonly what: string;
}

export function checkHostOverlap(plan: Plan, host: readonly HostPrefix[]): void {
  const parsed = host.flatMap((h) => {
    const p = parsePrefix(h.prefix);
    return typeof p === 'string' ? [] : [{ p, what: h.what }];
  });
  for (const n of plan.networks) {
    const mine = parsePrefix(n.subnet) as Prefix;
    const clash = parsed.find((h) => h.p.length > 0 && overlaps(mine, h.p));
    if (clash) {
      throw new PlanError(n.origin, `${n.subnet} overlaps this host's ${formatPrefix(clash.p)} (${clash.what}): pick another subnet`);
    }
  }
}
