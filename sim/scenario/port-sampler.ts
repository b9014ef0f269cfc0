// The paper's measurement made finer (II-A): each SMAP's conntrack table,
// sampled every few seconds, as ports in use per class on the shared address.
// The sampling runs inside each SMAP (sim/measure/conntrack/port-sampler-main.ts,
// /opt/aplus/ports.mjs): one `docker exec` per SMAP starts it, one stops it
// and reads its samples, whatever the run's length.
import { formatPortSet, portSetSize, type PortSet } from '../aplus/core/port-set';
import { shellWord } from '../node-setup/render-shell';
import { parsePortSampleLines, type PortSampleLine } from '../measure/conntrack/port-sample';
import type { PortSampleRecord } from '../assert/measured-data';
import type { Plan, PlannedNode } from '../plan/plan-types';
import type { EventSink } from '../report/events';
import type { RunningTopology } from '../runtime/index';
import { eachNode } from './each-node';
import { LOG_DIR, PROGRAMS, RUN_DIR, SCENARIO_FILES } from '../kinds/paths';

const { portsOut: OUT, portsPid: PID, portsLog: LOG } = SCENARIO_FILES;

export interface PortSampler {
  /** Stops every SMAP's sampler and returns the samples taken since `t0`, by SMAP and instant. */
  stop(t0: number): Promise<PortSampleRecord[]>;
}

/** Starts a sampler in every SMAP of the plan; resolves once each is running. */
export async function startPortSampler(run: RunningTopology, plan: Plan, everySeconds: number, emit: EventSink): Promise<PortSampler> {
  const smaps = plan.nodes.filter((n) => n.smapRole);
  await eachNode(smaps, async (s) => {
    const r = s.smapRole!;
    const args = ['--shared', r.shared, '--ports', formatPortSet(r.ports), '--every', String(everySeconds), '--out', OUT];
    const cmd = `mkdir -p ${RUN_DIR} ${LOG_DIR} && (exec node ${PROGRAMS.ports} ${args.map(shellWord).join(' ')}) >${LOG} 2>&1 & echo $! > ${PID}`;
    const res = await run.exec(s.name, ['sh', '-c', cmd]);
    if (res.exitCode !== 0) throw new Error(`starting the port sampler in ${s.name}: ${res.stderr.trim()}`);
  });
  const everyMs = Math.round(everySeconds * 1000);
  return {
    async stop(t0) {
      const texts = await eachNode(smaps, (s) => stopOne(run, s));
      const records: PortSampleRecord[] = [];
      smaps.forEach((s, i) => {
        const { samples, bad } = parsePortSampleLines(texts[i]!);
        if (bad.length > 0) emit({ kind: 'warning', message: `${s.name}: ${bad.length} port samples unreadable (${bad[0]}); see ${LOG}` });
        records.push(...toRecords(samples, s.name, s.smapRole!.ports, t0, everyMs));
      });
      return records;
    },
  };
}

/** Stops one SMAP's sampler (waiting up to 2 s for it to go) and reads what it wrote. */
async function stopOne(run: RunningTopology, s: PlannedNode): Promise<string> {
  const cmd = `p=$(cat ${PID} 2>/dev/null) && kill $p 2>/dev/null; for i in $(seq 20); do kill -0 $p 2>/dev/null || break; sleep 0.1; done; cat ${OUT}`;
  const r = await run.exec(s.name, ['sh', '-c', cmd]);
  return r.exitCode === 0 ? r.stdout : '';
}

/**
 * Samples as the assertions read them: seconds since `t0`, and the instant's
 * number since t0 as the round, the same in every SMAP (samples fall due on
 * multiples of the period). Samples from before t0 are left out.
 */
export function toRecords(
  samples: readonly PortSampleLine[], smap: string, ports: PortSet, t0: number, everyMs: number,
): PortSampleRecord[] {
  return samples
    .filter((x) => x.tick >= t0)
    .map((x) => ({
      at: (x.at - t0) / 1000, round: Math.round((x.tick - t0) / everyMs), smap, rangeSize: portSetSize(ports),
      outOfRange: x.outOfRange, dns: x.dns, http: x.http, https: x.https, other: x.other, total: x.total, busiest: x.busiest, nated: x.nated,
    }));
}
