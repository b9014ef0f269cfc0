// The simulator's prediction of a run's ports (check: simulator), made from
// the run's own generators: each planned with its seed from its start, with
// the conntrack timeouts read from a SMAP's kernel at the end of the run
// rather than the ones aplus meant to set.
import type { PortPrediction } from '../assert/measured-data';
import type { RunningTopology } from '../runtime/index';
import { parseTimeouts, smapPeaks, TIMEOUT_SYSCTLS } from '../simulate/index';
import { generatorSeed } from './generator-runs';
import type { TrafficItem } from './traffic-plan';

/** Undefined when there is no traffic, or the timeouts cannot be read (the check then has no data). */
export async function predictPorts(run: RunningTopology, items: readonly TrafficItem[]): Promise<PortPrediction | undefined> {
  const smap = items[0]?.smap;
  if (smap === undefined) return undefined;
  const r = await run.exec(smap, ['cat', ...TIMEOUT_SYSCTLS]).catch(() => undefined);
  const timeouts = r?.exitCode === 0 ? parseTimeouts(r.stdout) : undefined;
  if (!timeouts) return undefined;
  return { timeouts, smaps: smapPeaks(items.map((it) => ({ smap: it.smap, start: it.start, profile: it.profile, seed: generatorSeed(it) })), timeouts) };
}
