// The HTML report in a real headless browser (Debian's chromium): the page
// runs offline, Chart.js draws every chart with all its points (each figure
// marks itself with the points drawn, the body with the charts drawn), the
// layout fits a phone, screenshots at desktop and phone widths are pages
// with content, not blank ones, and it prints. The simulation's page
// (aplus simulate --html) is drawn and fits a phone the same way.
// Run: npx ava 'test/browser/**/*.test.ts'
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import type { ScenarioResult } from '../../sim/scenario/run-scenario';
import { loadSimulation, runSimulation } from '../../sim/simulate/index';
import { chartSpecs, escapeHtml, renderHtmlReport, renderSimulationPage, reportData, simulationCharts, type ChartSpec } from '../../sim/report/html/index';
import { predictedOff, range10, withProbes } from '../unit/report/helpers/load-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'aplus-browser-'));
let failed = false;
test.afterEach.always((t) => {
  failed ||= !t.passed;
});
test.after.always(() => {
  if (failed) console.log(`pages and screenshots kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
});

/** Runs chromium headless on `page` and gives its stdout; a missing chromium fails the test, it does not skip it. */
function chromium(page: string, ...args: string[]): string {
  const r = spawnSync('chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1', '--virtual-time-budget=5000',
    `--user-data-dir=${join(dir, 'profile')}`, ...args, `file://${page}`,
  ], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error('chromium is not installed: run scripts/setup-host.sh (it installs Debian\'s chromium, which the report\'s browser test needs)');
  }
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`chromium exited with ${r.status}: ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

function writePage(name: string, html: string): string {
  const file = join(dir, name);
  writeFileSync(file, html);
  return file;
}

/** A PNG's width and height, from its IHDR chunk (bytes 16-23, after the 8-byte signature and the chunk's length and type). */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  if (!b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error(`${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The page in chromium: every chart of `specs` marks itself drawn with exactly its points, and <body> counts them all. */
function drawsAll(t: ExecutionContext, name: string, page: string, specs: readonly ChartSpec[]): void {
  const dom = chromium(writePage(`${name}.html`, page), '--dump-dom');
  const body = /<body([^>]*)>/.exec(dom)?.[1] ?? '';
  t.notRegex(body, /data-chart-error/, 'a chart threw');
  t.is(/data-charts="(\d+)"/.exec(body)?.[1], String(specs.length), 'charts drawn, on <body>');
  const drawn = Object.fromEntries([...dom.matchAll(/<figure id="([^"]+)" data-chart="" data-rendered="(\d+)"/g)].map((m) => [m[1]!, Number(m[2])]));
  t.deepEqual(drawn, Object.fromEntries(specs.map((s) => [s.id, s.points])), 'points drawn per chart');
  t.true(specs.length > 0 && specs.every((s) => s.points > 0));
}

const drawsEveryChart = test.macro({
  exec(t, name: string, result: ScenarioResult) {
    drawsAll(t, name, renderHtmlReport(result), chartSpecs(reportData(result)));
  },
  title: (title = '') => `every chart of ${title} is drawn with all its points`,
});

test.serial('seed-2010 with probes', drawsEveryChart, 'seed-2010', withProbes);
test.serial('range-10', drawsEveryChart, 'range-10', range10);
test.serial('seed-2010 with a prediction off in room2', drawsEveryChart, 'predicted', predictedOff);

test.serial('the predicted page has room2\'s chart of both curves: the test above drew it', (t) => {
  const specs = chartSpecs(reportData(predictedOff));
  t.deepEqual(specs.filter((s) => s.id.startsWith('chart-prediction-')).map((s) => [s.id, s.points]), [['chart-prediction-0', 16]]);
});

/** The torrent-heavy mix, 200 users in place of 20000 (four profiles: four distinct curves), simulated once for the tests that open its page. */
let simulated: Promise<{ page: string; specs: ChartSpec[] }> | undefined;
const simulation = () => (simulated ??= (async () => {
  const file = 'simulations/torrent-heavy.yaml';
  const result = await runSimulation(loadSimulation(file, { text: readFileSync(file, 'utf8').replace(/^users: \d+$/m, 'users: 200') }), { workers: 1 });
  return { page: renderSimulationPage(result, file), specs: simulationCharts(result) };
})());

test.serial('every chart of the simulation page is drawn with all its points', async (t) => {
  const { page, specs } = await simulation();
  drawsAll(t, 'simulation', page, specs);
});

/**
 * With --dump-dom, headless chromium lays pages out at least 500 pixels
 * wide whatever --window-size says (screenshots do take the width). So the
 * phone is a 412-pixel iframe holding the report (srcdoc: same origin, so the
 * outer page can measure it and write what it found on its own <body>).
 */
function phonePage(name: string, report: string): string {
  const measure = `addEventListener('load', () => {
    const frame = document.getElementById('phone'), doc = frame.contentDocument;
    Object.assign(document.body.dataset, { viewport: frame.contentWindow.innerWidth, scrollWidth: doc.documentElement.scrollWidth, charts: doc.body.dataset.charts ?? 'none' });
  });`;
  return writePage(name, `<!doctype html><html><body style="margin:0"><iframe id="phone" style="display:block;width:412px;height:2400px;border:0" srcdoc="${escapeHtml(report)}"></iframe><script>${measure}</script></body></html>`);
}

const fitsAPhone = test.macro({
  async exec(t, name: string, page: () => Promise<{ page: string; specs: readonly ChartSpec[] }>) {
    const p = await page();
    const dom = chromium(phonePage(`phone-${name}.html`, p.page), '--window-size=600,2400', '--dump-dom');
    const body = /<body([^>]*)>/.exec(dom)?.[1] ?? '';
    t.is(/data-viewport="(\d+)"/.exec(body)?.[1], '412');
    t.is(/data-scroll-width="(\d+)"/.exec(body)?.[1], '412', 'no horizontal scrolling');
    t.is(/data-charts="(\w+)"/.exec(body)?.[1], String(p.specs.length));
  },
  title: (title = '') => `on a phone 412 pixels wide, ${title} is no wider than the screen and every chart is drawn`,
});

test.serial('the report', fitsAPhone, 'report', async () => ({ page: renderHtmlReport(withProbes), specs: chartSpecs(reportData(withProbes)) }));
test.serial('the simulation page', fitsAPhone, 'simulation', simulation);

test.serial('screenshots at desktop and phone widths are pages with content', (t) => {
  t.timeout(200_000); // three browsers, one after the other, on a machine that may be busy
  const html = renderHtmlReport(withProbes);
  const report = writePage('report.html', html);
  const blank = writePage('blank.html', '<!doctype html><html><body></body></html>');
  const shot = (name: string, page: string, width: number) => {
    const png = join(dir, `${name}.png`);
    chromium(page, `--screenshot=${png}`, `--window-size=${width},2400`);
    t.deepEqual(pngSize(png), { width, height: 2400 }, name);
    return statSync(png).size;
  };
  const sizes = { desktop: shot('desktop', report, 1200), phone: shot('phone', report, 412), blank: shot('blank', blank, 1200) };
  // Text, tables and charts compress far worse than a white page.
  t.true(sizes.desktop > sizes.blank * 5, `desktop ${sizes.desktop} bytes, blank ${sizes.blank}`);
  t.true(sizes.phone > sizes.blank * 3, `phone ${sizes.phone} bytes, blank ${sizes.blank}`);
  t.log(`desktop ${sizes.desktop} B, phone ${sizes.phone} B, blank ${sizes.blank} B`);
});

test.serial('it prints: a PDF of several pages', (t) => {
  const pdf = join(dir, 'report.pdf');
  chromium(writePage('print.html', renderHtmlReport(withProbes)), '--no-pdf-header-footer', `--print-to-pdf=${pdf}`);
  const bytes = readFileSync(pdf);
  t.is(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = bytes.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
  t.true(pages >= 2, `${pages} pages`);
});
