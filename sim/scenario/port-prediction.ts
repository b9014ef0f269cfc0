// The simulator's prediction of a run's ports (check: simulator), made from
// the run's own generators: each planned with its seed from its start, with
// the conntrack timeouts read from a SMAP's kernel at the end of the run
// rather than the ones aplus meant to set.
import type { PortPrediction, PortSampleRecord } from '../assert/measured-data';
import type { RunningTopology } from '../runtime/index';
import { countsAt, parseTimeouts, peaksOfHolds, smapHolds, TIMEOUT_SYSCTLS } from '../simulate/index';
import type { TrafficItem } from './traffic-plan';

/**
 * Each SMAP's peaks, and its entries at the instants of its samples
 * (`ports`, seconds since t0): the most, and each (the curve the report
 * draws beside the sampler's). Undefined when there is no traffic, or the
 * timeouts cannot be read (the check then has no data).
 */
export async function predictPorts(run: RunningTopology, items: readonly TrafficItem[], ports: readonly PortSampleRecord[]): Promise<PortPrediction | undefined> {
  const smap = items[0]?.smap;
  if (smap === undefined) return undefined;
  const r = await run.exec(smap, ['cat', ...TIMEOUT_SYSCTLS]).catch(() => undefined);
  const timeouts = r?.exitCode === 0 ? parseTimeouts(r.stdout) : undefined;
  if (!timeouts) return undefined;
  const holds = smapHolds(items.map((it) => ({ smap: it.smap, start: it.start, profile: it.profile, seed: it.seed })), timeouts);
  const smaps = Object.fromEntries([...holds].map(([smap, hs]) => {
    const at = ports.filter((p) => p.smap === smap && p.nated !== undefined).map((p) => p.at).sort((x, y) => x - y);
    const counts = countsAt(hs, at);
    const series = at.map((t, i) => [t, counts[i]!] as const);
    return [smap, { ...peaksOfHolds(hs), ...(at.length > 0 ? { sampled: Math.max(...counts), series } : {}) }];
  }));
  return { timeouts, smaps };
}
