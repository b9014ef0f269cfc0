// The decision points where the seed PRR (paper, 2010) failed, in one place.
// The default reproduces the paper; each field is a union so that a fix is
// a new member here plus its implementation in the cores, nothing else.
// Only implemented behaviour is a member: no value that would silently act
// like 'drop'. Planned members (not yet here) are named in the comments.

/**
 * ICMPv4 across the PRR. 'drop': ICMP has no port, so the seed PRR cannot
 * dispatch it (paper IV-C: "we cannot send ICMPv4"). 'translate' (RFC 7596
 * section 8, RFC 7597 section 9): an echo's identifier is its port, which the
 * SMAPs' NAT maps into their ports; an error belongs to the packet it quotes
 * (core/icmp-dispatch.ts). Topology `prr.icmp`.
 */
export type IcmpPolicy = 'drop' | 'translate';

/**
 * IPv4 fragments (RFC 791 2.3). 'drop': non-first fragments carry no port,
 * the stateless PRR drops all of them. Planned: 'forward-first' / reassembly.
 */
export type FragmentPolicy = 'drop';

/**
 * A DF packet longer than the SMAP's tunnel MTU. 'drop' silently: the Call of
 * Duty bug (paper IV-C, IV-D). 'icmp-frag-needed': answer the sender with
 * ICMP "fragmentation needed" and the tunnel MTU (RFC 2473 7.1, RFC 1191),
 * the PRR's half of tunnel PMTU discovery (topology `prr.pmtud`).
 */
export type TooBigPolicy = 'drop' | 'icmp-frag-needed';

export interface Policy {
  readonly icmp: IcmpPolicy;
  readonly fragments: FragmentPolicy;
  readonly tooBig: TooBigPolicy;
}

/** The behaviour of the paper's PRR and SMAPs. */
export const SEED_POLICY: Policy = Object.freeze({ icmp: 'drop', fragments: 'drop', tooBig: 'drop' });

/** The seed policy with tunnel PMTU discovery on the PRR. */
export const PMTUD_POLICY: Policy = Object.freeze({ ...SEED_POLICY, tooBig: 'icmp-frag-needed' });
