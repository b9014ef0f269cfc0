// What a run over some users keeps: one histogram of peaks per protocol, one
// of both at once, one of each user's need (the larger of its TCP and UDP
// peaks: a port set is per protocol, so that is the size it needs), and the
// range of peaks per mix entry. Tallies of disjoint users add up.
import { PeakHistogram } from './peak-histogram';
import { PeakScratch, type Peaks } from './port-holds';
import { planItems } from '../traffic/generator/plan-items';
import { seedOf, type Population } from './population';

export interface PeakRange {
  readonly least: number;
  readonly most: number;
}

export interface EntryPeaks {
  readonly users: number;
  readonly tcp: PeakRange;
  readonly udp: PeakRange;
  readonly total: PeakRange;
}

export interface Tally {
  readonly tcp: PeakHistogram;
  readonly udp: PeakHistogram;
  readonly total: PeakHistogram;
  readonly need: PeakHistogram;
  readonly entries: EntryPeaks[];
}

const NO_RANGE: PeakRange = { least: Infinity, most: -Infinity };
const widen = (r: PeakRange, x: number): PeakRange => ({ least: Math.min(r.least, x), most: Math.max(r.most, x) });
const joined = (a: PeakRange, b: PeakRange): PeakRange => ({ least: Math.min(a.least, b.least), most: Math.max(a.most, b.most) });

export function emptyTally(entries: number): Tally {
  return {
    tcp: new PeakHistogram(), udp: new PeakHistogram(), total: new PeakHistogram(), need: new PeakHistogram(),
    entries: Array.from({ length: entries }, () => ({ users: 0, tcp: NO_RANGE, udp: NO_RANGE, total: NO_RANGE })),
  };
}

/** Users [from, to) planned and counted one at a time: memory does not grow with the population. */
export function tallyUsers(pop: Population, from: number, to: number): Tally {
  const tally = emptyTally(pop.entries.length);
  const scratch = new PeakScratch();
  pop.entries.forEach((e, k) => {
    for (let i = Math.max(from, e.first); i < Math.min(to, e.first + e.users); i++)
      count(tally, k, scratch.peaks(planItems(e.profile, seedOf(pop, i)), pop.conntrack));
  });
  return tally;
}

function count(t: Tally, entry: number, p: Peaks): void {
  t.tcp.add(p.tcp);
  t.udp.add(p.udp);
  t.total.add(p.total);
  t.need.add(Math.max(p.tcp, p.udp));
  const e = t.entries[entry]!;
  t.entries[entry] = { users: e.users + 1, tcp: widen(e.tcp, p.tcp), udp: widen(e.udp, p.udp), total: widen(e.total, p.total) };
}

/** Adds b into a. */
export function mergeTally(a: Tally, b: Tally): Tally {
  a.tcp.merge(b.tcp);
  a.udp.merge(b.udp);
  a.total.merge(b.total);
  a.need.merge(b.need);
  a.entries.forEach((e, k) => {
    const o = b.entries[k]!;
    a.entries[k] = { users: e.users + o.users, tcp: joined(e.tcp, o.tcp), udp: joined(e.udp, o.udp), total: joined(e.total, o.total) };
  });
  return a;
}

/** A tally as plain data for a worker's message (typed arrays are copied, not their class). */
export type TallyData = Omit<Tally, 'tcp' | 'udp' | 'total' | 'need'> & Record<'tcp' | 'udp' | 'total' | 'need', Float64Array>;

export const tallyData = (t: Tally): TallyData => ({ ...t, tcp: t.tcp.counts, udp: t.udp.counts, total: t.total.counts, need: t.need.counts });

export const tallyOf = (d: TallyData): Tally => ({
  ...d, tcp: new PeakHistogram(d.tcp), udp: new PeakHistogram(d.udp), total: new PeakHistogram(d.total), need: new PeakHistogram(d.need),
});
