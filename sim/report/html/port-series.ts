// Ports in use on the shared address over time, per SMAP and class: the
// paper's Figs. 1-20 (ports vs time, II-A), from the conntrack samples
// (sim/measure/conntrack). The range is a series too, drawn flat: the line
// the classes must stay under.
import type { PortSampleRecord } from '../../assert/measured-data';
import { PORT_CLASSES, type PortClass } from '../../traffic/port-class';

export interface PortSeries {
  readonly smap: string;
  /** The range's size (the last sample's: a scenario cannot change it while traffic flows). */
  readonly rangeSize: number;
  /** Seconds since the run started, one per sample, in time order. */
  readonly at: readonly number[];
  /** Ports in use per class at each time. */
  readonly classes: Readonly<Record<PortClass, readonly number[]>>;
  /** The range's size at each time: the horizontal line. */
  readonly range: readonly number[];
  /** The most ports in use at once, all classes together. */
  readonly maxTotal: number;
  /** The most ports one protocol had at once (TCP and UDP are separate port spaces): what fills the range. */
  readonly maxBusiest: number;
  /** Mapped ports seen outside the range, summed over samples (as the within-range check counts them), and in how many samples. */
  readonly outOfRange: number;
  readonly samplesOutOfRange: number;
}

/** Node names in a person's order: prr, room2 before room10. */
export const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** Seconds to a tenth: enough for a chart, and the JSON stays small. */
export const tenth = (s: number): number => Math.round(s * 10) / 10;

export function portSeries(samples: readonly PortSampleRecord[]): PortSeries[] {
  const bySmap = new Map<string, PortSampleRecord[]>();
  for (const s of samples) bySmap.set(s.smap, [...(bySmap.get(s.smap) ?? []), s]);
  return [...bySmap.keys()].sort(byName).map((smap): PortSeries => {
    const s = [...bySmap.get(smap)!].sort((a, b) => a.at - b.at);
    const classes = Object.fromEntries(PORT_CLASSES.map((c) => [c, s.map((p) => p[c])])) as Record<PortClass, number[]>;
    return {
      smap,
      rangeSize: s.at(-1)?.rangeSize ?? 0,
      at: s.map((p) => tenth(p.at)),
      classes,
      range: s.map((p) => p.rangeSize),
      maxTotal: Math.max(0, ...s.map((p) => p.total)),
      maxBusiest: Math.max(0, ...s.map((p) => p.busiest ?? p.total)),
      outOfRange: s.reduce((n, p) => n + p.outOfRange, 0),
      samplesOutOfRange: s.filter((p) => p.outOfRange > 0).length,
    };
  });
}
