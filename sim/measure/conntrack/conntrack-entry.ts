// One connection tracking entry, as the kernel prints it in
// /proc/net/nf_conntrack and as `conntrack -L` prints it. The paper counted
// ports from these (II-A) and explained NAT port choice with them (Table V).

/** One direction of a connection. ICMP has type, code and id instead of ports. */
export interface ConntrackTuple {
  readonly src: string;
  readonly dst: string;
  readonly sport?: number;
  readonly dport?: number;
  readonly icmp?: { readonly type: number; readonly code: number; readonly id: number };
  /** Present when accounting is on (nf_conntrack_acct). */
  readonly packets?: number;
  readonly bytes?: number;
}

export interface ConntrackEntry {
  readonly l3: 'ipv4' | 'ipv6';
  /** tcp, udp, icmp, icmpv6, sctp, dccp, udplite, gre, unknown. */
  readonly l4: string;
  readonly protocol: number;
  /** Seconds left; absent for offloaded entries, which have none. */
  readonly timeout?: number;
  /** TCP, SCTP and DCCP only: ESTABLISHED, TIME_WAIT, CLOSE... */
  readonly state?: string;
  /** As the packet left the client: before SNAT. */
  readonly original: ConntrackTuple;
  /** As the answer comes back: after SNAT its destination is the shared address and mapped port. */
  readonly reply: ConntrackTuple;
  /** [UNREPLIED]: no packet seen in the reply direction yet. */
  readonly unreplied: boolean;
  /** [ASSURED]: will not be evicted early when the table is full. */
  readonly assured: boolean;
  readonly offload: boolean;
  readonly mark?: number;
  readonly zone?: number;
  readonly use?: number;
  /** Any other key=value the kernel printed (secctx, labels, delta-time...). */
  readonly extra: Readonly<Record<string, string>>;
}

/** A line that is not an entry, kept with why. */
export interface SkippedLine {
  /** 1-based line number in the text parsed. */
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

export interface ConntrackParse {
  readonly entries: ConntrackEntry[];
  readonly skipped: SkippedLine[];
}
