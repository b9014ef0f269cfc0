// What a core decides for one packet. The daemon does the I/O: 'forward' and
// 'deliver' go to the TUN device, 'encap' to the raw IPv6 socket (the kernel
// adds the IPv6 header, next header 4, RFC 2473), 'drop' goes nowhere.
import type { DropReason } from './counters';

export interface Drop {
  readonly kind: 'drop';
  readonly reason: DropReason;
  /** For the log line: what exactly was wrong. */
  readonly detail: string;
  /** True the first time this reason is counted: log it then, not for every packet. */
  readonly first: boolean;
}

export interface Forward {
  readonly kind: 'forward';
  /** The IPv4 packet for the PRR's TUN, towards the Internet. */
  readonly packet: Uint8Array;
}

export interface Deliver {
  readonly kind: 'deliver';
  /** The IPv4 packet for the SMAP's TUN, towards its LAN. */
  readonly packet: Uint8Array;
}

export interface Encap {
  readonly kind: 'encap';
  /** IPv6 destination for the raw socket (16 bytes). */
  readonly dst: Uint8Array;
  /** The IPv4 packet to send as the IPv6 payload. */
  readonly inner: Uint8Array;
}

export interface PrrEncap extends Encap {
  /** Index of the SMAP in the range table. */
  readonly smap: number;
}

/** A packet the PRR could not carry, answered: `packet` goes back out of the TUN, `dropped` is how it was counted. */
export interface Reply {
  readonly kind: 'reply';
  readonly packet: Uint8Array;
  readonly dropped: Drop;
}

export type PrrUpstreamVerdict = Forward | Drop;
export type PrrDownstreamVerdict = PrrEncap | Reply | Drop;
export type SmapUpstreamVerdict = Encap | Drop;
export type SmapDownstreamVerdict = Deliver | Drop;
