// What `aplus simulate` answers, as plain data (its --json): the peaks' CDF
// per protocol, P(exhaustion) per set size, the smallest set and largest
// sharing ratio per target, and each mix entry's range of peaks.
import type { ConntrackTimeouts } from '../traffic/conntrack-timeouts';
import type { LoadedSimulation } from './load-simulation';
import type { PeakHistogram } from './peak-histogram';
import { simulatePopulation, type SimulateOptions } from './simulate';
import { sizeAnswers, targetAnswers, USABLE_PORTS, type SizeAnswer, type TargetAnswer } from './sizing';
import type { EntryPeaks } from './tally';

/** The fractions of users the summary gives the peak of. */
export const SUMMARY_QUANTILES = [0.5, 0.9, 0.99, 0.999, 0.9999] as const;

export interface PeakSummary {
  /** The peak that each fraction of users stays within, in the order of SUMMARY_QUANTILES. */
  readonly quantiles: readonly number[];
  readonly max: number;
  /** Each peak some user had, and the fraction of users at or below it. */
  readonly cdf: ReadonlyArray<readonly [number, number]>;
}

export interface SimulationResult {
  readonly name: string;
  readonly users: number;
  readonly seed: number;
  readonly conntrack: Pick<ConntrackTimeouts, 'udp' | 'udpStream' | 'tcpTimeWait'>;
  readonly usablePorts: number;
  readonly entries: ReadonlyArray<{ readonly profile: string; readonly share: number; readonly percent: number } & EntryPeaks>;
  readonly peaks: { readonly tcp: PeakSummary; readonly udp: PeakSummary; readonly total: PeakSummary; readonly need: PeakSummary };
  readonly sizes: readonly SizeAnswer[];
  readonly targets: readonly TargetAnswer[];
}

const summary = (h: PeakHistogram): PeakSummary => ({ quantiles: SUMMARY_QUANTILES.map((q) => h.quantile(q)), max: h.max, cdf: h.cdf() });

export async function runSimulation(s: LoadedSimulation, o: SimulateOptions = {}): Promise<SimulationResult> {
  const pop = s.population;
  const tally = await simulatePopulation(pop, o);
  const { udp, udpStream, tcpTimeWait } = pop.conntrack;
  return {
    name: s.spec.name,
    users: pop.users,
    seed: pop.seed,
    conntrack: { udp, udpStream, tcpTimeWait },
    usablePorts: USABLE_PORTS,
    entries: pop.entries.map((e, k) => ({ profile: e.profile.name, share: e.share, percent: e.percent, ...tally.entries[k]! })),
    peaks: { tcp: summary(tally.tcp), udp: summary(tally.udp), total: summary(tally.total), need: summary(tally.need) },
    sizes: sizeAnswers(tally.need, s.sizes),
    targets: targetAnswers(tally.need, s.spec.targets),
  };
}
