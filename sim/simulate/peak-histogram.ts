// How many users had each peak: the streaming form of a CDF. A million users
// cost one bin array, not a million numbers, and the histograms of workers
// add up to the histogram of all (addition is all a merge needs).

/** Peaks from here up share the last bin: more than any port set holds (65536 ports in all). */
export const PEAK_CAP = 65536;

export class PeakHistogram {
  /** counts[p]: users whose peak was p (the last bin: PEAK_CAP or more). */
  readonly counts: Float64Array;
  private total = 0;

  constructor(counts?: Float64Array) {
    this.counts = counts ?? new Float64Array(PEAK_CAP + 1);
    for (const c of this.counts) this.total += c;
  }

  add(peak: number): void {
    this.counts[Math.min(peak, PEAK_CAP)]!++;
    this.total++;
  }

  merge(other: PeakHistogram): void {
    for (let p = 0; p <= PEAK_CAP; p++) this.counts[p]! += other.counts[p]!;
    this.total += other.users;
  }

  get users(): number {
    return this.total;
  }

  /** Users whose peak is at most `ports`. */
  atMost(ports: number): number {
    let n = 0;
    for (let p = 0; p <= Math.min(ports, PEAK_CAP); p++) n += this.counts[p]!;
    return n;
  }

  /** The smallest peak that at least the fraction q of users stay within (0 for no users). */
  quantile(q: number): number {
    // The tolerance keeps 0.999 * 1000 at 999 rather than 999.0000000000001.
    const need = Math.ceil(q * this.total - 1e-9);
    let n = 0;
    for (let p = 0; p <= PEAK_CAP; p++) {
      n += this.counts[p]!;
      if (n >= need) return p;
    }
    return PEAK_CAP;
  }

  get max(): number {
    for (let p = PEAK_CAP; p >= 0; p--) if (this.counts[p]! > 0) return p;
    return 0;
  }

  get min(): number {
    for (let p = 0; p <= PEAK_CAP; p++) if (this.counts[p]! > 0) return p;
    return 0;
  }

  /** The CDF's steps: each peak some user had, and the fraction of users at or below it. */
  cdf(): Array<readonly [peak: number, fraction: number]> {
    const out: Array<readonly [number, number]> = [];
    let n = 0;
    for (let p = 0; p <= PEAK_CAP; p++) {
      if (this.counts[p] === 0) continue;
      n += this.counts[p]!;
      out.push([p, n / this.total]);
    }
    return out;
  }
}
