// Packet counters of a PRR or SMAP core: what went through each way and why
// the rest was dropped. upstream = SMAP -> Internet, downstream = Internet ->
// SMAP, on both ends. Plain numbers, cheap to bump per packet.
import type { PortSet } from './port-set';

/**
 * ICMP errors not sent, each about a packet already counted under its own
 * reason (too-big): replies, not packets, so no part of totalDrops.
 */
export const WITHHELD_REPLIES = [
  'icmp-withheld-source', // the packet's source is no single host: 0/8, 127/8, multicast, class E, broadcast (RFC 1812 4.3.2.7)
  'icmp-withheld-error', // the packet is itself an ICMP error (RFC 1812 4.3.2.7)
  'icmp-withheld-fragment', // the packet is a fragment other than the first (RFC 1812 4.3.2.7)
  'icmp-rate-limited', // the ICMP errors' token bucket was empty (RFC 1812 4.3.2.8)
] as const;

export const DROP_REASONS = [
  'no-owner', // downstream port in nobody's range (paper III-C1)
  'unknown-smap', // upstream IPv6 source is not a configured SMAP
  'spoofed-port', // upstream source port outside the sending SMAP's range or port set
  'spoofed-source', // upstream inner source is not the sending SMAP's shared address
  'ct-invalid', // SMAP: conntrack called it invalid, dropped by nftables before the tunnel (dropInvalid), counted by the kernel
  'not-shared', // downstream destination is none of the shared addresses
  'malformed', // the IPv4 packet does not parse (codec reason in the detail)
  'fragment', // IPv4 fragment, per policy
  'icmp', // ICMPv4, per policy
  'too-big', // DF packet longer than the tunnel MTU, per policy
  'unknown-peer', // a SMAP got a tunnel packet from an IPv6 source that is not its PRR
  'protocol', // neither TCP, UDP nor ICMP
  'ipv6-fragment', // PRR: an IPv6 fragment of a tunnel packet, dropped before reassembly as the paper's PRR did (counted by the kernel's nftables counter)
  'send-failed', // the kernel refused a packet the daemon wrote to the TUN or raw socket (a full queue): each one tried, each counted
  'tun-short-read', // the addon: a TUN read shorter than its virtio_net_hdr
  'bad-csum-offset', // the addon: a partial checksum with offsets outside the packet, which cannot be finished (never sent on half done)
  'no-buffer', // the addon: packets of a wakeup whose Buffers for JavaScript could not be made
  'ttl-exceeded', // TTL 0, or TTL 1 the PRR's kernel would forward to TTL 0 (RFC 1812 5.2.3.8, 4.2.2.9): counted here, not left to the kernel
  ...WITHHELD_REPLIES,
] as const;

export type DropReason = (typeof DROP_REASONS)[number];
export type WithheldReply = (typeof WITHHELD_REPLIES)[number];
const WITHHELD: ReadonlySet<string> = new Set(WITHHELD_REPLIES);
/** True for a reply withheld (about a packet counted under another reason): no drop of its own in a total. */
export const isWithheldReply = (reason: string): boolean => WITHHELD.has(reason);

export interface Flow {
  packets: number;
  bytes: number;
}

export interface SmapCounters {
  readonly upstream: Flow;
  readonly downstream: Flow;
  readonly drops: Partial<Record<DropReason, number>>;
}

/**
 * Whom a PRR's per-SMAP entry counts for: the SMAP's name in the topology
 * (the configuration's CpeNName), its IPv6 address and its ports. The core
 * counts by index; the counters file names each entry with this.
 */
export interface SmapIdentity {
  readonly name: string;
  readonly ipv6: string;
  readonly ports: PortSet;
}

export type NamedSmapCounters = SmapIdentity & SmapCounters;

export interface CountersJson {
  readonly upstream: Flow;
  readonly downstream: Flow;
  readonly drops: Record<DropReason, number>;
  /** SMAP only: upstream packets whose source port is outside the SMAP's range (still sent; the PRR judges). */
  readonly outOfRange: number;
  /** PRR only: one entry per SMAP, in table order. */
  readonly smaps: readonly { readonly upstream: Flow; readonly downstream: Flow; readonly drops: Partial<Record<DropReason, number>> }[];
}

const flow = (): Flow => ({ packets: 0, bytes: 0 });

export class Counters {
  readonly upstream: Flow = flow();
  readonly downstream: Flow = flow();
  readonly drops: Record<DropReason, number>;
  readonly smaps: SmapCounters[];
  outOfRange = 0;

  /** `smapCount`: per-SMAP counters for a PRR; 0 on a SMAP. */
  constructor(smapCount = 0) {
    this.drops = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
    this.smaps = Array.from({ length: smapCount }, () => ({ upstream: flow(), downstream: flow(), drops: {} }));
  }

  countUpstream(bytes: number, smap = -1): void {
    this.upstream.packets++;
    this.upstream.bytes += bytes;
    const s = this.smaps[smap];
    if (s) {
      s.upstream.packets++;
      s.upstream.bytes += bytes;
    }
  }

  countDownstream(bytes: number, smap = -1): void {
    this.downstream.packets++;
    this.downstream.bytes += bytes;
    const s = this.smaps[smap];
    if (s) {
      s.downstream.packets++;
      s.downstream.bytes += bytes;
    }
  }

  /**
   * Counts a drop. Returns true the first time this reason is seen, so that a
   * daemon logs each kind of drop once rather than once per packet.
   */
  countDrop(reason: DropReason, smap = -1): boolean {
    const first = this.drops[reason] === 0;
    this.drops[reason]++;
    const s = this.smaps[smap];
    if (s) s.drops[reason] = (s.drops[reason] ?? 0) + 1;
    return first;
  }

  /** A drop counted outside the daemon (a kernel counter it reads): the count so far, not one more. */
  setDrops(reason: DropReason, n: number): boolean {
    const first = this.drops[reason] === 0 && n > 0;
    this.drops[reason] = n;
    return first;
  }

  /** Packets dropped, each once: the withheld replies are about packets counted already. */
  totalDrops(): number {
    return DROP_REASONS.reduce((n, r) => n + (isWithheldReply(r) ? 0 : this.drops[r]), 0);
  }

  toJSON(): CountersJson {
    return {
      upstream: { ...this.upstream },
      downstream: { ...this.downstream },
      drops: { ...this.drops },
      outOfRange: this.outOfRange,
      smaps: this.smaps.map((s) => ({ upstream: { ...s.upstream }, downstream: { ...s.downstream }, drops: { ...s.drops } })),
    };
  }
}
