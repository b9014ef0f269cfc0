// The terminal table of `aplus simulate`: who was simulated, the peaks per
// protocol at a few quantiles, P(exhaustion) per set size, and the smallest
// set and largest sharing ratio per target.
import type { SimulationResult } from '../simulate/index';
import { describeTimeouts, simulationTables } from '../report/simulation-tables';
import { renderTable } from './render-counters';

export function renderSimulation(r: SimulationResult, file: string): string {
  const head = `${file}: ${r.name}, ${r.users.toLocaleString('en')} users, seed ${r.seed}; conntrack: ${describeTimeouts(r.conntrack)}; ${r.usablePorts} ports per address (1024-65535)\n`;
  const t = simulationTables(r);
  return [head, ...[t.mix, t.peaks, t.sizes, t.targets].map((x) => renderTable(x.head, x.rows))].join('\n');
}
