// A probe's record (sim/assert/measured-data.ts ProbeRecord) from what it
// found, and the one line the probe program prints about it.
import type { ProbeRecord } from '../assert/measured-data';
import type { ProbeOptions } from './probe-args';
import { plural } from '../report/plural';

/** What a probe found: the record without who ran it and when. */
export type ProbeFindings = Omit<ProbeRecord, 'record' | 'name' | 'kind' | 'client' | 'smap' | 'started' | 'ended'>;

export function probeRecord(o: ProbeOptions, started: number, ended: number, found: ProbeFindings): ProbeRecord {
  return { record: 'probe', name: o.name, kind: o.kind, client: o.client, smap: o.smap, started, ended, ...found };
}

const icmpSaid = (r: ProbeRecord) => `ICMP said ${r.icmpMtus && r.icmpMtus.length > 0 ? r.icmpMtus.join(', ') : 'nothing'}`;

/** "probe pmtu-room1 (pmtu) from b: path MTU 1400 by echoes; ICMP said 1400" */
export function formatProbe(r: ProbeRecord): string {
  const head = `probe ${r.name} (${r.kind}${r.direction ? ` ${r.direction}` : ''}) from ${r.client}:`;
  const failed = r.ok ? '' : `failed: ${r.reason ?? 'unknown'}; `;
  switch (r.kind) {
    case 'pmtu':
      return `${head} ${r.ok ? `path MTU ${r.pathMtu} by echoes` : failed.slice(0, -2)}; ${icmpSaid(r)}`;
    case 'udp-df':
      return `${head} ${failed}${r.received ?? 0} of ${r.sent ?? 0} datagrams echoed at ${r.size ?? '?'} bytes${r.adapts ? ' (adapts)' : ''}; ${icmpSaid(r)}`;
    case 'tcp-bulk':
      return `${head} ${failed}${r.bytes ?? 0} of ${r.bytesWanted ?? '?'} bytes in ${((r.ended - r.started) / 1000).toFixed(1)} s, ${plural(r.stalls ?? 0, 'stall')}, longest ${r.longestStallMs ?? 0} ms`;
  }
}
