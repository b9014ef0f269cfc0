// Two runs cannot be up at once on one Docker host when their networks'
// subnets overlap: Docker refuses the second network ("Pool overlaps").
// Plans are deterministic and many topologies use the same ranges, so the
// suite keeps such scenarios apart in time.
import { overlaps, parsePrefix, type Prefix } from '../model/ip';
import type { Plan } from '../plan/plan-types';

/** Every subnet a plan asks Docker for: each network's, and the scratch IPv4 of IPv6 networks. */
export function planSubnets(plan: Plan): Prefix[] {
  return plan.networks.flatMap((n) => [n.subnet, ...(n.scratchV4 ? [n.scratchV4.subnet] : [])]).flatMap((s) => {
    const p = parsePrefix(s);
    return typeof p === 'string' ? [] : [p]; // the planner made them: always valid
  });
}

export function subnetsOverlap(a: readonly Prefix[], b: readonly Prefix[]): boolean {
  return a.some((x) => b.some((y) => overlaps(x, y)));
}
