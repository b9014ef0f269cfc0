// aplus counters as text: the PRR's per-SMAP rows under it, by name; the
// routers in a table of their own.
import test from 'ava';
import { DROP_REASONS, type DropReason } from '../../../sim/aplus/core';
import type { CountersFileJson } from '../../../sim/aplus/daemon/counters-file';
import { renderCounters } from '../../../sim/cli/render-counters';
import type { RouterCountersJson } from '../../../sim/kinds/index';

const flow = (packets: number, bytes: number) => ({ packets, bytes });
const drops = (some: Partial<Record<DropReason, number>>) => ({ ...Object.fromEntries(DROP_REASONS.map((r) => [r, 0])), ...some }) as Record<DropReason, number>;
const daemon = (role: 'prr' | 'smap', d: Partial<Record<DropReason, number>>, smaps: CountersFileJson['smaps'] = []): CountersFileJson => ({
  role, at: '2026-01-02T03:04:05.000Z', upstream: flow(10, 1000), downstream: flow(20, 30000), drops: drops(d), outOfRange: 0, smaps, kernel: { tunQueue: 0, rawSocket: 0 },
});
const router = (forwarded: number, tooBig: number, ptbSent: number, ptbDropped: number): RouterCountersJson => ({
  role: 'router', at: '2026-01-02T03:04:05.000Z', forwarded, ptbSent, drops: { 'too-big': tooBig, 'ptb-dropped': ptbDropped },
});

test('the PRR comes first with a named row per SMAP, then the SMAPs, then the routers', (t) => {
  const text = renderCounters({
    big: daemon('smap', {}),
    prr: daemon('prr', { 'too-big': 21893 }, [
      { name: 'big', ipv6: '2001:db8::10', ports: { first: 10000, last: 11000 }, upstream: flow(7, 700), downstream: flow(5, 7000), drops: { 'too-big': 21893 } },
      { name: 'small', ipv6: '2001:db8::11', ports: { first: 11001, last: 11010 }, upstream: flow(3, 300), downstream: flow(15, 23000), drops: {} },
    ]),
    renater: router(4900, 40, 30, 10),
    'room1-gw': router(12, 0, 0, 0),
  });
  t.is(text, [
    'node                      up pkts/bytes  down pkts/bytes  drops',
    'prr                       10/1000        20/30000         too-big=21893',
    '  smap big 10000-11000    7/700          5/7000           too-big=21893',
    '  smap small 11001-11010  3/300          15/23000         -',
    'big                       10/1000        20/30000         -',
    '',
    'router    forwarded  too-big  ptb-sent  ptb-dropped',
    'renater   4900       40       30        10',
    'room1-gw  12         0        0         0',
    '',
  ].join('\n'));
});

test('one router alone is its table only', (t) => {
  t.is(renderCounters({ sixxs: router(1, 2, 3, 4) }), 'router  forwarded  too-big  ptb-sent  ptb-dropped\nsixxs   1          2        3         4\n');
});
