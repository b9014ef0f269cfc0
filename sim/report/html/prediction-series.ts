// The simulator against the port sampler, per SMAP (check: simulator,
// docs/simulator.md): the NAT entries predicted at each instant the sampler
// looked (`measured.predicted.smaps[SMAP].series`), and the conntrack
// entries it counted then (`nated`). Whether they disagree is the check's
// own decision, kept in its verdict (`agreement`); a run of a hundred SMAPs
// draws the ones that disagree, or, when all agree, the one with the largest peak.
import type { SmapAgreement, Verdict } from '../../assert/index';
import type { Measured } from '../../assert/measured-data';
import { byName, tenth } from './port-series';

/** Disagreeing SMAPs drawn at the most, the furthest apart first; the others are named. */
export const MOST_PREDICTION_CHARTS = 12;

export interface PredictionSeries {
  readonly smap: string;
  /** [seconds since the run started, entries], in time order. */
  readonly predicted: ReadonlyArray<readonly [number, number]>;
  readonly measured: ReadonlyArray<readonly [number, number]>;
  /** The most of either curve. */
  readonly peak: number;
  /** What each simulator check that covered the SMAP found, with its bound. */
  readonly checks: ReadonlyArray<SmapAgreement & { readonly within: number }>;
  /** A check failed here, or found the curves further apart than its bound (an exhausted range passes by its verdict alone). */
  readonly disagrees: boolean;
}

export interface PredictionView {
  /** The SMAPs to draw, in the order drawn. */
  readonly drawn: readonly PredictionSeries[];
  /** SMAPs with a predicted series, and those a simulator check compared. */
  readonly predicted: number;
  readonly checked: number;
  /** Every SMAP that disagrees, the furthest apart first. */
  readonly disagreeing: readonly string[];
  /** The bounds of the checks, each once. */
  readonly withins: readonly number[];
}

const offOf = (s: PredictionSeries): number => Math.max(...s.checks.map((c) => c.off ?? Infinity));
const furthestFirst = (a: PredictionSeries, b: PredictionSeries): number => offOf(b) - offOf(a) || byName(a.smap, b.smap);

/** Which SMAPs get a chart: those that disagree, the furthest first, at most `most`; when none does, the one with the largest peak. */
export function smapsToDraw(all: readonly PredictionSeries[], most = MOST_PREDICTION_CHARTS): PredictionSeries[] {
  const off = all.filter((s) => s.disagrees).sort(furthestFirst);
  if (off.length > 0) return off.slice(0, most);
  const largest = [...all].sort((a, b) => b.peak - a.peak || byName(a.smap, b.smap))[0];
  return largest ? [largest] : [];
}

export function predictionSeries(m: Measured, verdicts: readonly Verdict[]): PredictionSeries[] {
  const checks = verdicts.flatMap((v) => (v.agreement ? v.agreement.smaps.map((a) => ({ ...a, within: v.agreement!.within })) : []));
  return Object.entries(m.predicted?.smaps ?? {})
    .filter(([, p]) => (p.series?.length ?? 0) > 0)
    .sort(([a], [b]) => byName(a, b))
    .map(([smap, p]): PredictionSeries => {
      const predicted = p.series!.map(([at, n]) => [tenth(at), n] as const);
      const measured = m.ports.filter((s) => s.smap === smap && s.nated !== undefined).sort((a, b) => a.at - b.at).map((s) => [tenth(s.at), s.nated!] as const);
      const mine = checks.filter((c) => c.smap === smap);
      return {
        smap, predicted, measured,
        peak: Math.max(0, ...predicted.map(([, n]) => n), ...measured.map(([, n]) => n)),
        checks: mine,
        disagrees: mine.some((c) => !c.agrees || (c.off ?? Infinity) > c.within),
      };
    });
}

export function predictionView(m: Measured, verdicts: readonly Verdict[]): PredictionView {
  const all = predictionSeries(m, verdicts);
  const disagreeing = all.filter((s) => s.disagrees).sort(furthestFirst).map((s) => s.smap);
  return {
    drawn: smapsToDraw(all),
    predicted: all.length,
    checked: all.filter((s) => s.checks.length > 0).length,
    disagreeing,
    withins: [...new Set(all.flatMap((s) => s.checks.map((c) => c.within)))].sort((a, b) => a - b),
  };
}
