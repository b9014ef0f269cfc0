// What `aplus simulate` answers, as tables of text: the terminal prints them
// (sim/cli/render-simulation.ts) and the HTML page puts them in <table>s
// (sim/report/html/simulation-page.ts), so both say the same in the same words.
import { SUMMARY_QUANTILES, type PeakSummary, type SimulationResult } from '../simulate/index';

export interface TextTable {
  readonly head: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

export interface SimulationTables {
  /** Each mix entry: its share, users, and the range of its users' peaks per protocol. */
  readonly mix: TextTable;
  /** The peak per protocol that each fraction of users stays within. */
  readonly peaks: TextTable;
  /** P(exhaustion) for each size the spec weighs. */
  readonly sizes: TextTable;
  /** The smallest set and largest sharing ratio per target. */
  readonly targets: TextTable;
}

/** A fraction of users as a percent: 0.999 is 99.9%. */
export const pct = (q: number): string => `${+(q * 100).toFixed(4)}%`;
const range = (r: { least: number; most: number }) => (r.least === r.most ? `${r.least}` : `${r.least}-${r.most}`);
/** A probability to 4 significant digits, 0 and 1 exactly. */
const prob = (p: number): string => (p === 0 || p === 1 ? String(p) : p.toPrecision(4));

/** "UDP 30 s (stream 120 s), TCP TIME_WAIT 120 s" */
export const describeTimeouts = (c: SimulationResult['conntrack']): string => `UDP ${c.udp} s (stream ${c.udpStream} s), TCP TIME_WAIT ${c.tcpTimeWait} s`;

/** The peaks' four rows (and curves): TCP, UDP, both protocols at once, and the need, the larger of TCP and UDP. */
export const PEAK_ROWS = [
  ['tcp', 'TCP'], ['udp', 'UDP'], ['total', 'both at once'], ['need', 'need (larger of TCP, UDP)'],
] as const satisfies ReadonlyArray<readonly [keyof SimulationResult['peaks'], string]>;

export function simulationTables(r: SimulationResult): SimulationTables {
  const row = (label: string, s: PeakSummary) => [label, ...s.quantiles.map(String), String(s.max)];
  return {
    mix: {
      head: ['profile', 'share', 'users', 'peak TCP', 'peak UDP', 'peak both'],
      rows: r.entries.map((e) => [e.profile, String(e.share), `${e.users} (${e.percent}%)`, range(e.tcp), range(e.udp), range(e.total)]),
    },
    peaks: { head: ['peak ports per user', ...SUMMARY_QUANTILES.map(pct), 'max'], rows: PEAK_ROWS.map(([k, label]) => row(label, r.peaks[k])) },
    sizes: { head: ['ports per user', 'users per address', 'P(exhaustion)'], rows: r.sizes.map((s) => [String(s.size), String(s.ratio), prob(s.exhaustion)]) },
    targets: {
      head: ['users served', 'smallest set', 'largest sharing ratio'],
      rows: r.targets.map((t) => [pct(t.target), String(t.size), t.ratio === 0 ? 'none (more than one address)' : String(t.ratio)]),
    },
  };
}
