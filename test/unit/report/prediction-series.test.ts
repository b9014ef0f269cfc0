// The simulator against the sampler in the run's report: the data handed to
// each chart (the prediction at the sampler's instants, the entries it
// counted), which SMAPs get a chart (those the simulator check found off, or
// with curves further apart than its bound; when all agree, the largest
// peak), and the line that says how many agree.
import test from 'ava';
import { assertionSchema, evaluateAssertion, type AssertionInput, type Measured, type PortSampleRecord } from '../../../sim/assert';
import type { ScenarioResult } from '../../../sim/scenario/run-scenario';
import { chartSpecs, MOST_PREDICTION_CHARTS, predictionView, renderHtmlReport, reportData, smapsToDraw, type PredictionSeries } from '../../../sim/report/html/index';
import { predictedOff, range10, seed2010, withPrediction } from './helpers/load-fixtures';

const verdictOf = (a: AssertionInput, m: Measured, index = 0) => evaluateAssertion(assertionSchema.parse(a), m, index);
const section = (html: string) => /<section id="prediction">([^]*?)<\/section>/.exec(html)?.[1];
const text = (html: string) => html.replace(/<[^>]+>/g, '');

test('the data handed to the chart: the prediction at each instant the sampler looked and the entries it counted, to a tenth of a second', (t) => {
  const d = reportData(predictedOff);
  t.deepEqual(d.predictions.drawn.map((s) => s.smap), ['room2']);
  const [room2] = d.predictions.drawn;
  // The sampler counted room2's 0, 121, 121, 197, 129, 129, 79 and 77 ports as entries; the prediction is a third more, rounded.
  t.deepEqual(room2!.measured, [[0.2, 0], [1.1, 121], [2.1, 121], [3.3, 197], [4.1, 129], [5.1, 129], [6.1, 79], [7.1, 77]]);
  t.deepEqual(room2!.predicted, [[0.2, 0], [1.1, 161], [2.1, 161], [3.3, 263], [4.1, 172], [5.1, 172], [6.1, 105], [7.1, 103]]);
  t.is(room2!.peak, 263);

  const chart = chartSpecs(d).find((s) => s.id === 'chart-prediction-0')!;
  if (chart.config.type !== 'line') return t.fail(`a ${chart.config.type} chart`);
  const [predicted, sampled] = chart.config.data.datasets;
  t.is(predicted!.label, 'simulator (predicted)');
  t.is(sampled!.label, 'sampler (conntrack entries)');
  t.deepEqual(predicted!.data, room2!.predicted.map(([x, y]) => ({ x, y })));
  t.deepEqual(sampled!.data, room2!.measured.map(([x, y]) => ({ x, y })));
  t.deepEqual(predicted!.borderDash, [6, 4]);
  t.is(chart.points, 16);
  t.regex(chart.label, /room2/);
});

test('the check decides where they disagree: room2, 25% off a 10% bound, is drawn; room1, predicted exactly, is not', (t) => {
  const v = predictionView(predictedOff.measured, predictedOff.verdicts);
  t.like(v, { predicted: 2, checked: 2, disagreeing: ['room2'], withins: [0.1] });
  const [room2] = v.drawn;
  t.like(room2!.checks[0], { smap: 'room2', seen: 197, predicted: 263, agrees: false, within: 0.1 });
  t.true(Math.abs(room2!.checks[0]!.off! - 66 / 263) < 1e-12);
  const html = section(renderHtmlReport(predictedOff))!;
  t.regex(html, /<p class="summary fail">1 of 2 SMAPs off: the check failed there, or the curves are further apart than its bound\.<\/p>/);
  t.true(text(html).includes('room2: at most 197 entries seen, 263 predicted at the samples (-25.1%); the check: off (bound 10%).'));
  t.is(html.match(/<figure /g)?.length, 1);
});

test('when every SMAP agrees, the one with the largest peak is drawn, with a line saying all agree', (t) => {
  const agreeing = withPrediction(seed2010, { room1: 1, room2: 1.05 });
  t.true(agreeing.verdicts.at(-1)!.pass);
  const v = predictionView(agreeing.measured, agreeing.verdicts);
  t.deepEqual(v.disagreeing, []);
  t.deepEqual(v.drawn.map((s) => s.smap), ['room1']);
  const html = section(renderHtmlReport(agreeing))!;
  t.regex(html, /<p class="summary">All 2 SMAPs the check compared agree within 10%: the one with the largest peak is drawn\.<\/p>/);
  t.true(text(html).includes('room1: at most 474 entries seen, 474 predicted at the samples (+0%); the check: agrees (bound 10%), the largest peak.'));
});

test('an exhausted range passes the check on its verdict alone, but curves further apart than the bound are drawn', (t) => {
  // range-10: 10 ports, full; 20 entries seen at most. The simulator says three times as many: exhausted too.
  const exhausted = withPrediction(range10, { room1: 3 });
  const check = exhausted.verdicts.at(-1)!;
  t.true(check.pass, check.message);
  const v = predictionView(exhausted.measured, exhausted.verdicts);
  t.like(v.drawn[0]!.checks[0], { seen: 20, predicted: 60, agrees: true });
  t.deepEqual(v.disagreeing, ['room1']);
});

test('each check with its own bound: a SMAP checked apart at 30% agrees there, and the largest peak is drawn', (t) => {
  // As profiles-1000 checks room-13 apart with a looser bound.
  const m = predictedOff.measured;
  const verdicts = [verdictOf({ check: 'simulator', except: ['room2'] }, m, 0), verdictOf({ check: 'simulator', smap: 'room2', within: 0.3 }, m, 1)];
  t.true(verdicts.every((x) => x.pass));
  const v = predictionView(m, verdicts);
  t.like(v, { checked: 2, disagreeing: [], withins: [0.1, 0.3] });
  t.deepEqual(v.drawn.map((s) => s.smap), ['room1']);
  const html = section(renderHtmlReport({ ...predictedOff, verdicts }))!;
  t.regex(html, /All 2 SMAPs the check compared agree: the one/);
});

/** n SMAPs of three samples each (rooms 1, 8, 15... at the most entries, 40); the simulator predicts `factor(i)` times what each counted. */
function campus(n: number, factor: (i: number) => number): ScenarioResult {
  const smap = (i: number) => `room-${String(i).padStart(3, '0')}`;
  const ports = Array.from({ length: n }, (_, i) => [10, 40 - (i % 7), 20].map((nated, k): PortSampleRecord =>
    ({ at: k + i / 1000, smap: smap(i + 1), rangeSize: 100, outOfRange: 0, dns: 0, http: 0, https: nated, other: 0, total: nated, busiest: nated, nated }))).flat();
  const smaps = Object.fromEntries(Array.from({ length: n }, (_, i) => {
    const series = ports.filter((p) => p.smap === smap(i + 1)).map((p) => [p.at, Math.round(p.nated! * factor(i))] as const);
    const most = Math.max(...series.map(([, y]) => y));
    return [smap(i + 1), { tcp: most, udp: 0, total: most, sampled: most, series }];
  }));
  const measured: Measured = { flows: [], ports, counters: {}, predicted: { timeouts: { udp: 3, udpStream: 12, tcpTimeWait: 12 }, smaps } };
  return { ...seed2010, measured, verdicts: [verdictOf({ check: 'simulator' }, measured)] };
}

test('a hundred SMAPs that agree make one chart, not a hundred', (t) => {
  const r = campus(100, () => 1);
  const d = reportData(r);
  t.like(d.predictions, { predicted: 100, checked: 100, disagreeing: [] });
  t.deepEqual(d.predictions.drawn.map((s) => s.smap), ['room-001']);
  t.deepEqual(chartSpecs(d).filter((s) => s.id.startsWith('chart-prediction-')).map((s) => s.id), ['chart-prediction-0']);
  t.regex(section(renderHtmlReport(r))!, /All 100 SMAPs the check compared agree within 10%/);
});

test('of a hundred SMAPs, those off are drawn, the furthest first, at most twelve; the rest are named', (t) => {
  // Rooms 1-20 off by 20% + i%, the others exact: room-020 is the furthest.
  const r = campus(100, (i) => (i < 20 ? 1.2 + i / 100 : 1));
  const d = reportData(r);
  t.is(d.predictions.disagreeing.length, 20);
  t.is(MOST_PREDICTION_CHARTS, 12);
  t.deepEqual(d.predictions.drawn.map((s) => s.smap), Array.from({ length: 12 }, (_, k) => `room-${String(20 - k).padStart(3, '0')}`));
  const html = text(section(renderHtmlReport(r))!);
  t.true(html.includes('20 of 100 SMAPs off: the check failed there, or the curves are further apart than its bound. The 12 furthest apart are drawn; also off: room-008, room-007, room-006, room-005, room-004, room-003, room-002, room-001.'));
});

test('the choice alone: the disagreeing ones furthest first, else the largest peak; nothing from nothing', (t) => {
  const s = (smap: string, peak: number, off: number | undefined, disagrees: boolean): PredictionSeries =>
    ({ smap, predicted: [], measured: [], peak, checks: off === undefined ? [] : [{ smap, predicted: peak, off, agrees: !disagrees, within: 0.1 }], disagrees });
  t.deepEqual(smapsToDraw([s('a', 5, 0, false), s('b', 9, 0.05, false), s('c', 7, undefined, false)]).map((x) => x.smap), ['b']);
  t.deepEqual(smapsToDraw([s('a', 5, 0.2, true), s('b', 9, 0.05, false), s('c', 7, 0.5, true)]).map((x) => x.smap), ['c', 'a']);
  t.deepEqual(smapsToDraw([s('a', 5, 0.2, true), s('c', 7, 0.5, true)], 1).map((x) => x.smap), ['c']);
  t.deepEqual(smapsToDraw([]), []);
});

test('no prediction, no section; a result whose verdicts kept no comparison draws the largest peak and says so', (t) => {
  t.deepEqual(reportData(seed2010).predictions.drawn, []);
  t.is(section(renderHtmlReport(seed2010)), undefined);
  const { agreement: _, ...old } = predictedOff.verdicts.at(-1)!;
  const before = { ...predictedOff, verdicts: [...predictedOff.verdicts.slice(0, -1), old] };
  t.deepEqual(reportData(before).predictions.drawn.map((s) => s.smap), ['room1']);
  t.regex(section(renderHtmlReport(before))!, /No simulator check compared the 2 SMAPs predicted: the one with the largest peak is drawn\./);
});
