// One sample of a SMAP's ports in use, as the sampler inside the SMAP
// (port-sampler-main.ts) writes it: one JSON line per sample. Samples fall due
// on multiples of the period since the Unix epoch, so the samplers of all
// SMAPs of a run, sharing the host's clock, sample at the same instants and
// their samples add up by instant (the campus figures) without coordinating.
import type { ClassCounts } from '../../traffic/port-class';
import { parseConntrack } from './parse-conntrack';
import { portsInUse, type SmapPortSpace } from './ports-in-use';

export interface PortSampleLine extends ClassCounts {
  /** When the sample was due: epoch milliseconds, a multiple of the period. */
  readonly tick: number;
  /** When the table was read: epoch milliseconds. */
  readonly at: number;
  /** Entries in the table, of any kind. */
  readonly entries: number;
  /** Entries on the shared address. */
  readonly nated: number;
  /** Mapped ports outside the range: must stay 0. */
  readonly outOfRange: number;
  /** The most ports one protocol had in use (TCP and UDP are separate port spaces). */
  readonly busiest: number;
  /** Lines of the table that were not entries. */
  readonly skipped: number;
}

/** When the next sample is due after `now`: the next multiple of the period. */
export const nextTick = (now: number, everyMs: number): number => (Math.floor(now / everyMs) + 1) * everyMs;

/** A sample from a conntrack table, as /proc/net/nf_conntrack or `conntrack -L` prints it. */
export function samplePorts(table: string, space: SmapPortSpace, tick: number, at: number): PortSampleLine {
  const parsed = parseConntrack(table);
  const used = portsInUse(parsed.entries, space);
  return {
    tick, at, entries: used.entries, nated: used.nated,
    dns: used.dns, http: used.http, https: used.https, other: used.other, total: used.total,
    outOfRange: used.outOfRange.length, busiest: Math.max(0, ...Object.values(used.byProtocol)), skipped: parsed.skipped.length,
  };
}

const FIELDS = ['tick', 'at', 'entries', 'nated', 'dns', 'http', 'https', 'other', 'total', 'outOfRange', 'busiest', 'skipped'] as const;

/** The sampler's output: its samples, and each line that is not one (by line number, with why). */
export function parsePortSampleLines(text: string): { samples: PortSampleLine[]; bad: string[] } {
  const samples: PortSampleLine[] = [];
  const bad: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      return void bad.push(`line ${i + 1}: not JSON`);
    }
    const rec = v as Record<string, unknown>;
    const missing = typeof v === 'object' && v !== null ? FIELDS.filter((f) => typeof rec[f] !== 'number' || !Number.isFinite(rec[f])) : FIELDS;
    if (missing.length > 0) return void bad.push(`line ${i + 1}: no number for ${missing.join(', ')}`);
    samples.push(Object.fromEntries(FIELDS.map((f) => [f, rec[f]])) as unknown as PortSampleLine);
  });
  return { samples, bad };
}
