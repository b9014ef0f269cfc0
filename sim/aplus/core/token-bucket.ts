// A token bucket (RFC 1812 4.3.2.8: a router SHOULD limit the rate of the
// ICMP errors it sends). Pure: the caller gives the time of each request, so
// a test drives it with a fake clock and the core never reads one.

export interface TokenBucketSpec {
  /** Tokens added per second. */
  readonly rate: number;
  /** Most tokens held: a burst that may leave at once after a quiet time. */
  readonly burst: number;
}

/** Like Linux's net.ipv4.icmp_msgs_per_sec and icmp_msgs_burst, its global limit on ICMP sent. */
export const DEFAULT_ICMP_LIMIT: TokenBucketSpec = Object.freeze({ rate: 1000, burst: 50 });

export class TokenBucket {
  private tokens: number;
  private last: number | undefined;
  private readonly perMs: number;

  /** Starts full. Throws RangeError on a rate or burst that is not a positive number (configuration, not packets). */
  constructor(readonly spec: TokenBucketSpec) {
    if (!(spec.rate > 0 && Number.isFinite(spec.rate))) throw new RangeError(`ICMP rate ${spec.rate}: expected a positive number per second`);
    if (!(Number.isInteger(spec.burst) && spec.burst >= 1)) throw new RangeError(`ICMP burst ${spec.burst}: expected a whole number, at least 1`);
    this.tokens = spec.burst;
    this.perMs = spec.rate / 1000;
  }

  /** Takes a token at `nowMs` (any monotonic clock, in ms); false when none is left. A clock that steps back adds nothing. */
  take(nowMs: number): boolean {
    if (this.last !== undefined && nowMs > this.last) {
      this.tokens = Math.min(this.spec.burst, this.tokens + (nowMs - this.last) * this.perMs);
    }
    if (this.last === undefined || nowMs > this.last) this.last = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
