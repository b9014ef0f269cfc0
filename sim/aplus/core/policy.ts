// The decision points where the seed PRR (paper, 2010) failed, in one place.
// The default reproduces the paper; each field is a union so that a fix is
// a new member here plus its implementation in the cores, nothing else.
// Only implemented behaviour is a member: no value that would silently act
// like 'drop'. Planned members (not yet here) are named in the comments.

/**
 * ICMPv4 across the PRR. 'drop': ICMP has no port, so the seed PRR cannot
 * dispatch it (paper IV-C: "we cannot send ICMPv4"). Planned:
 * 'forward-errors' (dispatch RFC 792 errors by the quoted datagram's port).
 */
export type IcmpPolicy = 'drop';

/**
 * IPv4 fragments (RFC 791 2.3). 'drop': non-first fragments carry no port,
 * the stateless PRR drops all of them. Planned: 'forward-first' / reassembly.
 */
export type FragmentPolicy = 'drop';

/**
 * A DF packet longer than the SMAP's tunnel MTU. 'drop' silently: the Call of
 * Duty bug (paper IV-C, IV-D). Planned: 'icmp-frag-needed' (RFC 1191 reply).
 */
export type TooBigPolicy = 'drop';

export interface Policy {
  readonly icmp: IcmpPolicy;
  readonly fragments: FragmentPolicy;
  readonly tooBig: TooBigPolicy;
}

/** The behaviour of the paper's PRR and SMAPs. */
export const SEED_POLICY: Policy = Object.freeze({ icmp: 'drop', fragments: 'drop', tooBig: 'drop' });
