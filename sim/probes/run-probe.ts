// Runs the probe the options name and returns its record.
import type { ProbeRecord } from '../assert/measured-data';
import type { ProbeOptions } from './probe-args';
import { probeRecord, type ProbeFindings } from './probe-record';
import { runPmtu } from './run-pmtu';
import { runTcpBulk } from './run-tcp-bulk';
import { runUdpDf } from './run-udp-df';

export async function runProbe(o: ProbeOptions): Promise<ProbeRecord> {
  const started = Date.now();
  let found: ProbeFindings;
  switch (o.kind) {
    case 'pmtu':
      found = runPmtu(o);
      break;
    case 'udp-df':
      found = runUdpDf(o);
      break;
    case 'tcp-bulk':
      found = await runTcpBulk(o);
      break;
  }
  return probeRecord(o, started, Date.now(), found);
}
