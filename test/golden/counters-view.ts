// Counters in one comparable shape, from a case file's lines or from what a
// daemon or core counted: flows as "packets/bytes", drops that are not 0, and
// the PRR's per-SMAP entries that are not all 0. Only these fields are
// compared, so counters that grow other fields still compare.
import type { CountersJson, Flow } from '../../sim/aplus/core/counters';
import type { CountersLine, NodeCounters } from './case-file';

export interface CountersView {
  readonly up: string;
  readonly down: string;
  readonly drops: Record<string, number>;
  readonly outOfRange: number;
  readonly smaps: Record<string, { up: string; down: string; drops: Record<string, number> }>;
}

const flow = (f: { packets: number; bytes: number }) => `${f.packets}/${f.bytes}`;
const nonZero = (d: Readonly<Record<string, number | undefined>>) =>
  Object.fromEntries(Object.entries(d).filter((e): e is [string, number] => (e[1] ?? 0) !== 0).sort(([a], [b]) => a.localeCompare(b)));
const isZero = (s: { up: string; down: string; drops: Record<string, number> }) => s.up === '0/0' && s.down === '0/0' && Object.keys(s.drops).length === 0;

function smapsView(entries: Iterable<[number, { up: string; down: string; drops: Record<string, number> }]>): CountersView['smaps'] {
  return Object.fromEntries([...entries].filter(([, s]) => !isZero(s)).map(([i, s]) => [String(i), s]));
}

export function expectedView(c: NodeCounters): CountersView {
  const line = (l: CountersLine) => ({ up: flow(l.up), down: flow(l.down), drops: nonZero(l.drops) });
  return { ...line(c.total), outOfRange: c.total.outOfRange, smaps: smapsView([...c.smaps].map(([i, l]) => [i, line(l)])) };
}

type CountedLike = Pick<CountersJson, 'upstream' | 'downstream' | 'drops' | 'outOfRange' | 'smaps'>;

export function countedView(c: CountedLike): CountersView {
  return {
    up: flow(c.upstream),
    down: flow(c.downstream),
    drops: nonZero(c.drops),
    outOfRange: c.outOfRange,
    smaps: smapsView(c.smaps.map((s, i) => [i, { up: flow(s.upstream), down: flow(s.downstream), drops: nonZero(s.drops) }])),
  };
}

/** What was counted between two readings of a daemon's counters file. */
export function countedSince(after: CountedLike, before: CountedLike): CountedLike {
  const minus = (a: Flow, b: Flow): Flow => ({ packets: a.packets - b.packets, bytes: a.bytes - b.bytes });
  const drops = (a: Readonly<Record<string, number | undefined>>, b: Readonly<Record<string, number | undefined>>) =>
    Object.fromEntries(Object.keys(a).map((k) => [k, (a[k] ?? 0) - (b[k] ?? 0)]));
  return {
    upstream: minus(after.upstream, before.upstream),
    downstream: minus(after.downstream, before.downstream),
    drops: drops(after.drops, before.drops) as CountersJson['drops'],
    outOfRange: after.outOfRange - before.outOfRange,
    smaps: after.smaps.map((s, i) => {
      const b = before.smaps[i] ?? { upstream: { packets: 0, bytes: 0 }, downstream: { packets: 0, bytes: 0 }, drops: {} };
      return { upstream: minus(s.upstream, b.upstream), downstream: minus(s.downstream, b.downstream), drops: drops(s.drops, b.drops) };
    }),
  };
}
