// The record a probe writes and the line it prints.
import test from 'ava';
import { parseProbeArgs } from '../../../sim/probes/probe-args';
import { formatProbe, probeRecord } from '../../../sim/probes/probe-record';

const opts = (kind: string, ...more: string[]) => parseProbeArgs(['--kind', kind, '--name', 'p1', '--client', 'b', '--smap', 'room1', '--server', '198.51.100.80', '--out', 'o', ...more]);

test('the record is a ProbeRecord: who ran it, when, then what it found', (t) => {
  t.deepEqual(probeRecord(opts('pmtu'), 1000, 2000, { ok: true, pathMtu: 1420, icmpMtus: [1460] }), {
    record: 'probe', name: 'p1', kind: 'pmtu', client: 'b', smap: 'room1', started: 1000, ended: 2000, ok: true, pathMtu: 1420, icmpMtus: [1460],
  });
});

test('one line per kind, saying what echoes and ICMP said', (t) => {
  const line = (kind: string, found: Parameters<typeof probeRecord>[3], ...more: string[]) => formatProbe(probeRecord(opts(kind, ...more), 1000, 7000, found));
  t.is(line('pmtu', { ok: true, pathMtu: 1420, icmpMtus: [1460] }), 'probe p1 (pmtu) from b: path MTU 1420 by echoes; ICMP said 1460');
  t.is(line('pmtu', { ok: false, reason: 'no-echo', icmpMtus: [] }), 'probe p1 (pmtu) from b: failed: no-echo; ICMP said nothing');
  t.is(
    line('udp-df', { ok: false, reason: 'no-echo', sent: 30, received: 0, size: 1500, adapts: false, icmpMtus: [1400] }, '--size', '1500'),
    'probe p1 (udp-df) from b: failed: no-echo; 0 of 30 datagrams echoed at 1500 bytes; ICMP said 1400',
  );
  t.is(
    line('tcp-bulk', { ok: false, reason: 'stalled', direction: 'up', bytesWanted: 2000000, bytes: 0, stalls: 1, longestStallMs: 5900 }),
    'probe p1 (tcp-bulk up) from b: failed: stalled; 0 of 2000000 bytes in 6.0 s, 1 stall, longest 5900 ms',
  );
});
