// Progress of a transfer, sampled (pure): a stall is no progress for
// `stallMs`; it ends when bytes move again. Counts stalls and the longest.

export class StallWatch {
  private moved = 0;
  private lastProgressAt: number;
  private inStall = false;
  private count = 0;
  private longest = 0;

  constructor(readonly stallMs: number, start: number) {
    this.lastProgressAt = start;
  }

  /** The bytes moved so far, at time `now` (ms; any clock, but one clock). */
  sample(moved: number, now: number): void {
    const quiet = now - this.lastProgressAt;
    if (moved > this.moved) {
      if (this.inStall) this.longest = Math.max(this.longest, quiet);
      this.inStall = false;
      this.moved = moved;
      this.lastProgressAt = now;
      return;
    }
    if (!this.inStall && quiet >= this.stallMs) {
      this.inStall = true;
      this.count++;
    }
    if (this.inStall) this.longest = Math.max(this.longest, quiet);
  }

  /** No progress for `stallMs` at the last sample. */
  get stalled(): boolean {
    return this.inStall;
  }

  get stalls(): number {
    return this.count;
  }

  /** The longest stall, as far as the samples saw it (0 without stalls). */
  get longestStallMs(): number {
    return this.longest;
  }
}
