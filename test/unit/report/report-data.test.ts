// What the report shows, computed from two real runs: ports per class and
// SMAP with the range line, delivery counted from the flows, counters with
// NAT failures, probes and ICMP; and nothing where the run measured nothing.
import test from 'ava';
import { PORT_CLASSES } from '../../../sim/traffic/port-class';
import { reportData } from '../../../sim/report/html/index';
import { range10, seed2010, withProbes } from './helpers/load-fixtures';

test('a port series per SMAP, per class, in time order, as sampled', (t) => {
  for (const result of [range10, seed2010]) {
    const d = reportData(result);
    t.deepEqual(d.ports.map((s) => s.smap), [...new Set(result.measured.ports.map((p) => p.smap))].sort());
    for (const s of d.ports) {
      const samples = result.measured.ports.filter((p) => p.smap === s.smap).sort((a, b) => a.at - b.at);
      t.deepEqual(s.at, samples.map((p) => Math.round(p.at * 10) / 10));
      for (const c of PORT_CLASSES) t.deepEqual(s.classes[c], samples.map((p) => p[c]), `${s.smap} ${c}`);
    }
  }
});

test('the range is a flat line at the SMAP\'s range size, with the peaks and ports outside it', (t) => {
  const seed = reportData(seed2010).ports;
  t.deepEqual(seed.map((s) => [s.smap, s.rangeSize, s.maxTotal, s.maxBusiest, s.outOfRange]), [['room1', 1001, 474, 300, 0], ['room2', 1000, 197, 120, 0]]);
  for (const s of seed) t.deepEqual(s.range, s.at.map(() => s.rangeSize));
  const [room1] = reportData(range10).ports;
  // The 10-port range of the paper's IV-B: full, 20 ports in use at once counting TCP and UDP.
  t.like(room1, { smap: 'room1', rangeSize: 10, maxTotal: 20, maxBusiest: 10, outOfRange: 0, samplesOutOfRange: 0 });
  t.deepEqual(room1!.range, Array(8).fill(10));
});

test('ports outside the range are counted over samples, as the within-range check counts them', (t) => {
  const ports = seed2010.measured.ports.map((p) => (p.smap === 'room2' && p.at > 3 ? { ...p, outOfRange: 3 } : p));
  const room2 = reportData({ ...seed2010, measured: { ...seed2010.measured, ports } }).ports[1]!;
  t.deepEqual([room2.outOfRange, room2.samplesOutOfRange], [15, 5]);
});

test('delivery per profile and per client equals the counts of the flows, failures by reason', (t) => {
  const d = reportData(range10);
  t.deepEqual(d.byProfile, [{ key: 'web-facebook', flows: 138, ok: 33, failed: 105, byReason: { 'dns-timeout': 79, timeout: 26 } }]);
  t.deepEqual(d.reasons, ['dns-timeout', 'timeout']);
  const seed = reportData(seed2010);
  t.deepEqual(seed.byProfile.map((r) => r.key), ['im-pidgin', 'web-facebook']);
  t.deepEqual(seed.byClient.map((r) => r.key), ['a', 'b', 'c', 'd']);
  for (const [rows, key] of [[seed.byProfile, 'profile'], [seed.byClient, 'client']] as const) {
    for (const row of rows) {
      const flows = seed2010.measured.flows.filter((f) => f[key] === row.key);
      t.deepEqual([row.flows, row.ok, row.failed], [flows.length, flows.filter((f) => f.ok).length, flows.filter((f) => !f.ok).length], row.key);
    }
    t.is(rows.reduce((n, r) => n + r.flows, 0), 676);
  }
  t.deepEqual(seed.reasons, []);
});

test('counters: the PRR first, packets and bytes each way, drops by reason, NAT failures per SMAP', (t) => {
  const [prr, room1] = reportData(range10).counters;
  t.deepEqual(prr, { node: 'prr', upstream: { packets: 871, bytes: 65995 }, downstream: { packets: 1311, bytes: 1684667 }, drops: [], totalDrops: 0 });
  t.like(room1, { node: 'room1', natFailures: 249, totalDrops: 0 });
  t.deepEqual(reportData(seed2010).counters.map((c) => [c.node, c.natFailures]), [['prr', undefined], ['room1', 0], ['room2', 0]]);
  const dropping = { ...range10.measured.counters.prr!, drops: { icmp: 3, fragment: 7, 'no-owner': 0 } };
  const rows = reportData({ ...range10, measured: { ...range10.measured, counters: { ...range10.measured.counters, prr: dropping } } }).counters;
  t.deepEqual([rows[0]!.drops, rows[0]!.totalDrops], [[{ reason: 'fragment', count: 7 }, { reason: 'icmp', count: 3 }], 10]);
});

test('counters: an ICMP reply withheld is shown, but is no second drop of its too-big packet', (t) => {
  const pmtud = { ...range10.measured.counters.prr!, drops: { 'too-big': 5, 'icmp-rate-limited': 2, 'icmp-withheld-source': 1 } };
  const rows = reportData({ ...range10, measured: { ...range10.measured, counters: { ...range10.measured.counters, prr: pmtud } } }).counters;
  t.deepEqual(rows[0]!.drops.map((d) => d.reason), ['too-big', 'icmp-rate-limited', 'icmp-withheld-source']);
  t.is(rows[0]!.totalDrops, 5);
});

test('MTU probes as sentences, and ICMP per node', (t) => {
  const d = reportData(withProbes);
  t.deepEqual(d.probes.map((p) => [p.name, p.ok, p.found, p.icmpSaid]), [
    ['pmtu-room2', true, 'path MTU 1420 by echoes', '1460'],
    ['upload-room1', false, 'incomplete (stalled): 65536 of 1000000 bytes up, 1 stall (longest 9.9 s)', 'none'],
    ['call-of-duty', false, '0 of 50 datagrams of 1472 bytes echoed; ignores ICMP (no-echo)', '1460'],
  ]);
  t.deepEqual(d.probes.map((p) => p.seconds), [2.4, 12, 6.1]);
  t.deepEqual(d.icmp, [{ node: 'lab-router', fragNeeded: 0, packetTooBig: 12 }, { node: 'room1', fragNeeded: 50, packetTooBig: 0 }]);
});

test('verdicts as the run judged them, known bugs marked', (t) => {
  const d = reportData(range10);
  t.deepEqual(d.verdicts.map((v) => [v.title, v.pass, v.knownBug]), [
    ['exhaustion smap=room1', true, false], ['within-range smap=room1', true, false], ['delivery client=b', true, true],
  ]);
  t.is(d.failedVerdicts, 0);
});

test('no data, no rows: results without probes, ICMP, events or traffic', (t) => {
  const d = reportData({ ...seed2010, measured: { flows: [], ports: [], counters: {} } });
  t.deepEqual([d.ports, d.byProfile, d.byClient, d.counters, d.probes, d.icmp, d.events], [[], [], [], [], [], [], []]);
  t.is(reportData(seed2010).probes.length, 0);
});
