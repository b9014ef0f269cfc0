// The terminal table of `aplus simulate`: who was simulated, the peaks per
// protocol at a few quantiles, P(exhaustion) per set size, and the smallest
// set and largest sharing ratio per target.
import { SUMMARY_QUANTILES, type PeakSummary, type SimulationResult } from '../simulate/index';
import { renderTable } from './render-counters';

const pct = (q: number) => `${+(q * 100).toFixed(4)}%`;
const range = (r: { least: number; most: number }) => (r.least === r.most ? `${r.least}` : `${r.least}-${r.most}`);
/** A probability to 4 significant digits, 0 and 1 exactly. */
const prob = (p: number) => (p === 0 || p === 1 ? String(p) : p.toPrecision(4));

export function renderSimulation(r: SimulationResult, file: string): string {
  const c = r.conntrack;
  const head =
    `${file}: ${r.name}, ${r.users.toLocaleString('en')} users, seed ${r.seed}; conntrack: UDP ${c.udp} s (stream ${c.udpStream} s), TCP TIME_WAIT ${c.tcpTimeWait} s; ${r.usablePorts} ports per address (1024-65535)\n`;
  const mix = renderTable(['profile', 'share', 'users', 'peak TCP', 'peak UDP', 'peak both'],
    r.entries.map((e) => [e.profile, String(e.share), `${e.users} (${e.percent}%)`, range(e.tcp), range(e.udp), range(e.total)]));
  const row = (label: string, s: PeakSummary) => [label, ...s.quantiles.map(String), String(s.max)];
  const peaks = renderTable(['peak ports per user', ...SUMMARY_QUANTILES.map(pct), 'max'],
    [row('TCP', r.peaks.tcp), row('UDP', r.peaks.udp), row('both at once', r.peaks.total), row('need (larger of TCP, UDP)', r.peaks.need)]);
  const sizes = renderTable(['ports per user', 'users per address', 'P(exhaustion)'],
    r.sizes.map((s) => [String(s.size), String(s.ratio), prob(s.exhaustion)]));
  const targets = renderTable(['users served', 'smallest set', 'largest sharing ratio'],
    r.targets.map((t) => [pct(t.target), String(t.size), t.ratio === 0 ? 'none (more than one address)' : String(t.ratio)]));
  return [head, mix, peaks, sizes, targets].join('\n');
}
