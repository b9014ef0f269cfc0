// `aplus simulate SPEC --html FILE` (docs/simulator.md): the simulation's
// answers on one self-contained page, in the run report's style: who was
// simulated, the mix, the CDF of the peaks per protocol, P(exhaustion)
// against the set size, and the sizing per target, each with the table the
// terminal prints.
import type { SimulationResult } from '../../simulate/index';
import { describeTimeouts, pct, simulationTables, type TextTable } from '../simulation-tables';
import { html, type Html } from './html-escape';
import { figure, int, table, type ChartLookup } from './page-parts';
import { htmlPage, writePage } from './page-shell';
import { simulationCharts } from './simulation-charts';

/** The terminal's table as HTML: a label, then numbers. */
const textTable = (t: TextTable): Html => table(t.head.map((label, i) => ({ label, num: i > 0 })), t.rows.map((cells) => ({ cells })));

function header(r: SimulationResult, file: string): Html {
  const first = r.targets[0];
  const summary = first === undefined ? '' : `${pct(first.target)} of users are served by ${int(first.size)} ports of each protocol: ` +
    (first.ratio === 0 ? 'more than one address' : `${int(first.ratio)} users per address`);
  return html`<header>
<h1>${r.name}</h1>
<dl class="meta"><dt>spec</dt><dd>${file}</dd><dt>users</dt><dd>${int(r.users)}</dd><dt>seed</dt><dd>${r.seed}</dd><dt>conntrack</dt><dd>${describeTimeouts(r.conntrack)}</dd><dt>usable ports</dt><dd>${int(r.usablePorts)} per address (1024-65535)</dd></dl>
<p class="summary">${summary}</p>
</header>`;
}

function sections(r: SimulationResult, chart: ChartLookup): Html {
  const t = simulationTables(r);
  return html`<section id="mix"><h2>Mix</h2>
<p class="note">Each user plays one entry of the mix, planned as the traffic generator plans it; the peaks are the most NAT entries a user held at once.</p>
${textTable(t.mix)}</section>
<section id="peaks"><h2>Peak ports per user</h2>
${figure(chart('chart-peaks-cdf'), 'The fraction of users whose peak is at or below each number of ports: TCP, UDP, both at once (the paper\'s count), and the need (the larger of TCP and UDP: a port set holds as many of each).', true)}
${textTable(t.peaks)}</section>
<section id="exhaustion"><h2>Exhaustion</h2>
${figure(chart('chart-exhaustion'), 'P(exhaustion) with a set of each size: the fraction of users whose need is more. The dots are the sizes the spec weighs (the table).', true)}
${textTable(t.sizes)}</section>
<section id="sizing"><h2>Sizing</h2>
<p class="note">The smallest set that serves each fraction of users with no exhaustion, and how many users then share one address.</p>
${textTable(t.targets)}</section>`;
}

export function renderSimulationPage(r: SimulationResult, file: string): string {
  const charts = simulationCharts(r);
  const chart = (id: string) => charts.find((s) => s.id === id);
  return htmlPage({ title: `${r.name}: aplus simulate`, header: header(r, file), main: sections(r, chart), charts });
}

/** Writes the page to `page`, making its folder when missing. */
export const writeSimulationPage = (r: SimulationResult, file: string, page: string): void => writePage(page, renderSimulationPage(r, file));
