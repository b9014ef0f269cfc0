// How many ports a profile needs at once, per class, from the data alone:
// the step series the paper's figures draw (II-B, Fig. 1-17), so that tests
// and scenario authors can size port ranges before running anything. A
// port is counted from the moment its item starts until its hold ends, as
// the NAT keeps it while the conntrack entry lives (paper II-A counts
// conntrack entries).
import { classOfPort, PORT_CLASSES, ZERO_COUNTS, type ClassCounts, type PortClass } from './port-class';
import { profileDuration, type Activity, type Phase, type Profile } from './profile-schema';

/** Ports in use from `at` until the next point. */
export interface DemandPoint extends ClassCounts {
  readonly at: number;
}

export interface PortDemand {
  /** Starts at 0; each point holds until the next; the last is all zeros. */
  readonly series: readonly DemandPoint[];
  /** The most at once, per class; `total` is the most of all classes together at one moment. */
  readonly max: ClassCounts;
  /** Time-weighted average over [0, end]. */
  readonly average: ClassCounts;
  /** The later of the profile's end and the last port's release. */
  readonly end: number;
}

interface Hold {
  readonly cls: PortClass;
  readonly n: number;
  readonly from: number;
  readonly to: number;
}

/** Times are rounded to the microsecond so that scaled times that should meet do meet. */
const tick = (t: number) => Math.round(t * 1e6) / 1e6;

function holdsOf(ph: Phase, a: Activity): Hold[] {
  const phaseEnd = ph.start + ph.duration;
  const first = ph.start + a.at;
  if (a.kind === 'udp') {
    const to = a.hold === undefined ? phaseEnd : first + a.hold;
    return [{ cls: classOfPort(a.port), n: a.count, from: first, to }];
  }
  const cls = a.kind === 'dns' ? 'dns' : classOfPort(a.port);
  const concurrency = a.concurrency ?? a.count;
  const interval = a.interval ?? a.hold;
  const out: Hold[] = [];
  for (let left = a.count, k = 0; left > 0; k++) {
    const from = first + k * interval;
    if (tick(from) >= tick(phaseEnd)) break; // no wave starts after its phase
    const n = Math.min(concurrency, left);
    out.push({ cls, n, from, to: from + a.hold });
    left -= n;
  }
  return out;
}

export function portDemand(profile: Pick<Profile, 'phases'>): PortDemand {
  const deltas = new Map<number, Record<PortClass, number>>();
  const bump = (t: number, cls: PortClass, n: number) => {
    const key = tick(t);
    const d = deltas.get(key) ?? { dns: 0, http: 0, https: 0, other: 0 };
    d[cls] += n;
    deltas.set(key, d);
  };
  for (const ph of profile.phases)
    for (const a of ph.activities)
      for (const h of holdsOf(ph, a)) {
        bump(h.from, h.cls, h.n);
        bump(h.to, h.cls, -h.n);
      }
  if (!deltas.has(0)) deltas.set(0, { dns: 0, http: 0, https: 0, other: 0 });

  const now: Record<PortClass, number> = { dns: 0, http: 0, https: 0, other: 0 };
  const series: DemandPoint[] = [];
  for (const at of [...deltas.keys()].sort((x, y) => x - y)) {
    const d = deltas.get(at)!;
    for (const c of PORT_CLASSES) now[c] += d[c];
    const prev = series[series.length - 1];
    // A wave that ends as the next begins changes nothing: no point for it.
    if (prev && PORT_CLASSES.every((c) => prev[c] === now[c])) continue;
    series.push({ at, ...now, total: now.dns + now.http + now.https + now.other });
  }
  const end = Math.max(tick(profileDuration(profile)), series[series.length - 1]!.at);
  return { series, max: maxOf(series), average: averageOf(series, end), end };
}

function maxOf(points: readonly ClassCounts[]): ClassCounts {
  const m: Record<keyof ClassCounts, number> = { ...ZERO_COUNTS };
  for (const p of points) for (const k of [...PORT_CLASSES, 'total'] as const) m[k] = Math.max(m[k], p[k]);
  return m;
}

function averageOf(series: readonly DemandPoint[], end: number): ClassCounts {
  const sum: Record<keyof ClassCounts, number> = { ...ZERO_COUNTS };
  series.forEach((p, i) => {
    const width = (series[i + 1]?.at ?? end) - p.at;
    for (const k of [...PORT_CLASSES, 'total'] as const) sum[k] += p[k] * width;
  });
  const avg: Record<keyof ClassCounts, number> = { ...ZERO_COUNTS };
  for (const k of [...PORT_CLASSES, 'total'] as const) avg[k] = end > 0 ? sum[k] / end : 0;
  return avg;
}

/** Ports in use at time t. */
export function demandAt(demand: PortDemand, t: number): ClassCounts {
  let last: DemandPoint = demand.series[0]!;
  for (const p of demand.series) if (p.at <= tick(t)) last = p;
  const { at: _at, ...counts } = last;
  return counts;
}

/** The most ports at once during [from, to). */
export function peakBetween(demand: PortDemand, from: number, to: number): ClassCounts {
  const inside = demand.series.filter((p) => p.at > tick(from) && p.at < tick(to));
  return maxOf([demandAt(demand, from), ...inside]);
}
