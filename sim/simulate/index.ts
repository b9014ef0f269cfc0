// aplus simulate (docs/simulator.md): a population of users, each planned
// by the generator's own planItems, its NAT ports held for their conntrack
// timeouts, counted in histograms; sizing answers from them.
export { simulationSchema, mixEntrySchema, specTimeouts, type SimulationSpec } from './simulation-schema';
export { loadSimulation, type LoadedSimulation } from './load-simulation';
export { mixBlocks, entryOf, seedOf, userPlan, type Population, type MixEntry } from './population';
export { portHold, releaseAt, protocolOf, peaksOf, peaksOfHolds, PeakScratch, type PortHold, type Peaks, type Protocol } from './port-holds';
export { PeakHistogram, PEAK_CAP } from './peak-histogram';
export { tallyUsers, mergeTally, emptyTally, type Tally, type EntryPeaks, type PeakRange } from './tally';
export { USABLE_PORTS, sharingRatio, sizeForRatio, sizeAnswers, targetAnswers, type SizeAnswer, type TargetAnswer } from './sizing';
export { exhaustionAt, exhaustionCurve, type Cdf } from './exhaustion-curve';
export { simulatePopulation, type SimulateOptions } from './simulate';
export { runSimulation, SUMMARY_QUANTILES, type SimulationResult, type PeakSummary } from './simulation-result';
export { smapPeaks, smapHolds, peakAt, countsAt, parseTimeouts, TIMEOUT_SYSCTLS, type EmulatedUser, type SmapTimeouts } from './smap-prediction';
