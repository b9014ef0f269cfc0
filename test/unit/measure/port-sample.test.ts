// The port sampler that runs inside each SMAP: its samples of a conntrack
// table, the JSON lines it writes, and how the orchestrator lines up the
// samples of many SMAPs by instant.
import test from 'ava';
import fc from 'fast-check';
import { nextTick, parsePortSampleLines, samplePorts } from '../../../sim/measure/conntrack/port-sample';
import { toRecords } from '../../../sim/scenario/port-sampler';
import { CONNTRACK_L, PROC } from './conntrack-lines';

const room1 = { shared: '198.51.100.27', range: { first: 10000, last: 11000 } };

test('a sample of the proc file counts the shared-address ports per class, and the busiest protocol', (t) => {
  const s = samplePorts(PROC, room1, 5000, 5012);
  // TCP 10007 and 10013, UDP 10012, ICMP id 10020; the DHCPv6 entry is not NATed.
  t.deepEqual(s, { tick: 5000, at: 5012, entries: 5, nated: 4, dns: 1, http: 1, https: 1, other: 1, total: 4, outOfRange: 0, busiest: 2, skipped: 0 });
});

test('conntrack -L output: the summary line is skipped and counted, ports out of the range are counted', (t) => {
  const s = samplePorts(CONNTRACK_L, { shared: room1.shared, range: { first: 10000, last: 10009 } }, 0, 1);
  t.like(s, { nated: 5, total: 5, outOfRange: 3, skipped: 1 });
});

test('an empty table is a sample of nothing, not an error', (t) => {
  t.like(samplePorts('', room1, 0, 0), { entries: 0, nated: 0, total: 0, busiest: 0, skipped: 0 });
});

test('samples fall due on multiples of the period, always after now', (t) => {
  t.is(nextTick(12_345, 1000), 13_000);
  t.is(nextTick(13_000, 1000), 14_000);
  t.is(nextTick(1_764_000_001_234, 5000), 1_764_000_005_000);
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 1, max: 60_000 }), (now, every) => {
    const n = nextTick(now, every);
    return n > now && n - now <= every && n % every === 0;
  }));
});

test('the lines written read back; a cut or foreign line is reported by number, the rest kept', (t) => {
  const a = samplePorts(PROC, room1, 1000, 1003);
  const b = samplePorts(CONNTRACK_L, room1, 2000, 2001);
  const text = [JSON.stringify(a), 'not json', JSON.stringify({ ...b, total: 'x' }), JSON.stringify(b), JSON.stringify(a).slice(0, 20)].join('\n') + '\n';
  const r = parsePortSampleLines(text);
  t.deepEqual(r.samples, [a, b]);
  t.deepEqual(r.bad, ['line 2: not JSON', 'line 3: no number for total', 'line 5: not JSON']);
  t.deepEqual(parsePortSampleLines(''), { samples: [], bad: [] });
  t.deepEqual(parsePortSampleLines('[1]\n').bad, ['line 1: no number for tick, at, entries, nated, dns, http, https, other, total, outOfRange, busiest, skipped']);
});

test('samples of two SMAPs taken at one instant get one round, counted from t0; earlier ones are left out', (t) => {
  const t0 = 1_764_000_000_700, every = 5000;
  const at = (tick: number, late: number) => samplePorts(PROC, room1, tick, tick + late);
  const r1 = toRecords([at(1_764_000_000_000, 3), at(1_764_000_005_000, 40), at(1_764_000_010_000, 2)], 'room1', room1.range, t0, every);
  const r2 = toRecords([at(1_764_000_005_000, 900), at(1_764_000_010_000, 1)], 'room2', { first: 11001, last: 12000 }, t0, every);
  t.deepEqual(r1.map((r) => r.round), [1, 2]);
  t.deepEqual(r2.map((r) => r.round), [1, 2]);
  t.deepEqual(r1.map((r) => r.at), [4.34, 9.302]);
  t.like(r2[0], { smap: 'room2', rangeSize: 1000, total: 4, busiest: 2, outOfRange: 0, at: 5.2 });
});
