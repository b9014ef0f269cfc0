// Delivery per profile or per client: flows started, delivered, and the
// failed ones by reason (timeout, dns-timeout, ports-exhausted...), counted
// from the flow records as the delivery check counts them.
import type { FlowRecord } from '../../assert/measured-data';
import { byName } from './port-series';

export interface DeliveryRow {
  readonly key: string;
  readonly flows: number;
  readonly ok: number;
  readonly failed: number;
  /** Failed flows by reason; a failure without one is `unknown`. */
  readonly byReason: Readonly<Record<string, number>>;
}

export const reasonOf = (f: FlowRecord): string => f.reason ?? 'unknown';

export function deliveryRows(flows: readonly FlowRecord[], key: (f: FlowRecord) => string): DeliveryRow[] {
  const groups = new Map<string, FlowRecord[]>();
  for (const f of flows) groups.set(key(f), [...(groups.get(key(f)) ?? []), f]);
  return [...groups.keys()].sort(byName).map((k) => {
    const fs = groups.get(k)!;
    const byReason: Record<string, number> = {};
    for (const f of fs) if (!f.ok) byReason[reasonOf(f)] = (byReason[reasonOf(f)] ?? 0) + 1;
    const ok = fs.filter((f) => f.ok).length;
    return { key: k, flows: fs.length, ok, failed: fs.length - ok, byReason };
  });
}

/** Every reason a flow failed for, the most frequent first: the columns of the tables and the stacks of the bars. */
export function failureReasons(flows: readonly FlowRecord[]): string[] {
  const n = new Map<string, number>();
  for (const f of flows) if (!f.ok) n.set(reasonOf(f), (n.get(reasonOf(f)) ?? 0) + 1);
  return [...n].sort(([a, x], [b, y]) => y - x || byName(a, b)).map(([r]) => r);
}
