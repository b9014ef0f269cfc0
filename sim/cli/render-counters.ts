// `aplus counters` as text: one table of the daemons (the PRR with a row per
// SMAP it serves, named, under it; then the SMAPs), one of the routers.
import type { Flow } from '../aplus/core/counters';
import { formatPortSet } from '../aplus/core/port-set';
import type { CountersFileJson } from '../aplus/daemon/counters-file';
import type { NodeCountersJson, RouterCountersJson } from '../kinds/index';

/** Columns padded to their widest cell; the last one is not, so lines carry no trailing blanks. */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!))).join('  ')).join('\n') + '\n';
}

const flow = (f: Flow) => `${f.packets}/${f.bytes}`;
const dropList = (drops: Readonly<Partial<Record<string, number>>>) =>
  Object.entries(drops).filter(([, n]) => (n ?? 0) > 0).map(([r, n]) => `${r}=${n}`).join(' ') || '-';

function daemonRows(name: string, c: CountersFileJson): string[][] {
  return [
    [name, flow(c.upstream), flow(c.downstream), dropList(c.drops)],
    ...c.smaps.map((s) => [`  smap ${s.name} ${formatPortSet(s.ports)}`, flow(s.upstream), flow(s.downstream), dropList(s.drops)]),
  ];
}

const routerRow = (name: string, c: RouterCountersJson) =>
  [name, String(c.forwarded), String(c.drops['too-big']), String(c.ptbSent), String(c.drops['ptb-dropped'])];

export function renderCounters(all: Readonly<Record<string, NodeCountersJson>>): string {
  const entries = Object.entries(all);
  const daemons = entries.flatMap(([n, c]) => (c.role === 'router' ? [] : [[n, c] as const]));
  const routers = entries.flatMap(([n, c]) => (c.role === 'router' ? [[n, c] as const] : []));
  // The PRR first: its per-SMAP rows name the SMAPs listed after it.
  const ordered = [...daemons.filter(([, c]) => c.role === 'prr'), ...daemons.filter(([, c]) => c.role !== 'prr')];
  const tables = [
    ...(ordered.length > 0 ? [renderTable(['node', 'up pkts/bytes', 'down pkts/bytes', 'drops'], ordered.flatMap(([n, c]) => daemonRows(n, c)))] : []),
    ...(routers.length > 0 ? [renderTable(['router', 'forwarded', 'too-big', 'ptb-sent', 'ptb-dropped'], routers.map(([n, c]) => routerRow(n, c)))] : []),
  ];
  return tables.join('\n');
}
