// The paper's measurement made finer (II-A): each SMAP's conntrack table,
// sampled every few seconds, as ports in use per class on the shared address.
import { parseConntrack, portsInUse } from '../measure/conntrack/index';
import type { PortSampleRecord } from '../assert/measured-data';
import type { Plan } from '../plan/plan-types';
import type { RunningTopology } from '../runtime/index';
import { eachNode } from './each-node';

export interface PortSampler {
  readonly samples: PortSampleRecord[];
  /** Stops sampling; resolves once the sample in flight is in. */
  stop(): Promise<void>;
}

export function startPortSampler(run: RunningTopology, plan: Plan, everySeconds: number, t0: number): PortSampler {
  const smaps = plan.nodes.filter((n) => n.smapRole);
  const samples: PortSampleRecord[] = [];
  let stopped = false;
  let round = 0;
  const once = async () => {
    round++;
    await eachNode(smaps, async (s) => {
      const r = await run.exec(s.name, ['conntrack', '-L']);
      if (r.exitCode !== 0) return;
      const ports = s.smapRole!.ports;
      const used = portsInUse(parseConntrack(r.stdout).entries, { shared: s.smapRole!.shared, range: ports });
      samples.push({
        at: (Date.now() - t0) / 1000, round, smap: s.name, rangeSize: ports.last - ports.first + 1, outOfRange: used.outOfRange.length,
        dns: used.dns, http: used.http, https: used.https, other: used.other, total: used.total,
        busiest: Math.max(0, ...Object.values(used.byProtocol)),
      });
    });
  };
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      await once();
      await new Promise((r) => setTimeout(r, Math.max(0, everySeconds * 1000 - (Date.now() - started))));
    }
  })();
  return {
    samples,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
