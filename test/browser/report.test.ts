// The HTML report in a real headless browser (Debian's chromium): the page
// runs its script offline, every chart is drawn with data (each marks itself
// with its point count), and screenshots at desktop and phone widths are
// real images, not blank pages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ScenarioResult } from '../../sim/scenario/run-scenario';
import { renderHtmlReport, reportData } from '../../sim/report/html/index';

const result = JSON.parse(readFileSync(new URL('../unit/report/fixtures/seed-2010-result.json', import.meta.url), 'utf8')) as ScenarioResult;
const dir = mkdtempSync(join(tmpdir(), 'aplus-browser-'));

function chromium(...args: string[]): string {
  try {
    execFileSync('which', ['chromium'], { stdio: 'ignore' });
  } catch {
    throw new Error('chromium is not installed: run scripts/setup-host.sh (it installs Debian\'s chromium for this test)');
  }
  return execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--virtual-time-budget=5000', `--user-data-dir=${join(dir, 'profile')}`, ...args], {
    encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  if (b.readUInt32BE(0) !== 0x89504e47) throw new Error(`${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

test.serial('the report runs in chromium: every chart drawn with its data', (t) => {
  const file = join(dir, 'report.html');
  writeFileSync(file, renderHtmlReport(result));
  const dom = chromium('--dump-dom', `file://${file}`);
  const expected = reportData(result).ports.length + 1; // a chart per SMAP, and delivery
  t.is(/<body[^>]*data-charts="(\d+)"/.exec(dom)?.[1], String(expected), 'charts drawn');
  const rendered = [...dom.matchAll(/data-rendered="(\d+)"/g)].map((m) => Number(m[1]));
  t.is(rendered.length, expected);
  t.true(rendered.every((n) => n > 0), `points per chart: ${rendered.join(', ')}`);
});

test.serial('screenshots at desktop and phone widths are images of a page with content', (t) => {
  const file = join(dir, 'report.html');
  writeFileSync(file, renderHtmlReport(result));
  const blank = join(dir, 'blank.html');
  writeFileSync(blank, '<!doctype html><html><body></body></html>');
  const shots: Record<string, number> = {};
  for (const [name, size, page] of [['desktop', '1200,2400', file], ['phone', '412,2400', file], ['blank', '1200,2400', blank]] as const) {
    const png = join(dir, `${name}.png`);
    chromium(`--screenshot=${png}`, `--window-size=${size}`, `file://${page}`);
    t.is(pngSize(png).width, Number(size.split(',')[0]));
    shots[name] = statSync(png).size;
  }
  // A drawn page compresses far worse than a white one.
  t.true(shots.desktop! > shots.blank! * 5, `desktop ${shots.desktop} bytes, blank ${shots.blank}`);
  t.true(shots.phone! > shots.blank! * 3, `phone ${shots.phone} bytes, blank ${shots.blank}`);
  t.log(`screenshots in ${dir}: desktop ${shots.desktop} B, phone ${shots.phone} B, blank ${shots.blank} B`);
});
