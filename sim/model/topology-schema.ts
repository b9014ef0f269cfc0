// The topology file format (docs/topology.md). Shapes and per-field rules
// live here; rules across fields (overlaps, duplicates, who is where) are
// checked by the planner, which has the expanded picture.
import { z } from 'zod';
import { DEFAULT_PSID_OFFSET, MIN_SMAP_PORT, psidProblem, type PortRange, type Psid } from '../aplus/core/port-set';
import { impairmentSchema } from './impairment';
import { parseAddress, parsePrefix, type Prefix } from './ip';

const name = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}$/, 'expected a name of lowercase letters, digits and dashes, starting with a letter (at most 31)');

const address = (family: 4 | 6) =>
  z.string().refine((s) => parseAddress(s)?.family === family, {
    error: (iss) => `expected an IPv${family} address, got ${JSON.stringify(iss.input)}`,
  });

const prefix = (family: 4 | 6, minLen: number, maxLen: number) =>
  z.string().transform((s, ctx): Prefix => {
    const p = parsePrefix(s);
    if (typeof p === 'string') {
      ctx.addIssue({ code: 'custom', message: `expected an IPv${family} prefix, got "${s}": ${p}` });
      return z.NEVER;
    }
    if (p.family !== family || p.length < minLen || p.length > maxLen) {
      ctx.addIssue({
        code: 'custom',
        message: `expected an IPv${family} prefix of length /${minLen} to /${maxLen}, got "${s}"`,
      });
      return z.NEVER;
    }
    return p;
  });

export type { PortRange, Psid } from '../aplus/core/port-set';

/** Ports below 1024 are not shareable: A+P ranges start at 1024 (RFC 6346 section 5.2). */
export const SHAREABLE_MIN = MIN_SMAP_PORT;

const portRange = z.string().transform((s, ctx): PortRange => {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(s.trim());
  const first = Number(m?.[1]), last = Number(m?.[2]);
  if (m && first > last) {
    ctx.addIssue({ code: 'custom', message: `reversed range: first ${first} is above last ${last}` });
    return z.NEVER;
  }
  if (!m || first < SHAREABLE_MIN || last > 65535) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a range inside ${SHAREABLE_MIN}-65535 written first-last, got "${s}"`,
    });
    return z.NEVER;
  }
  return { first, last };
});

/**
 * An RFC 7597 port set (port-set.ts): `{ offset: 6, length: 6, id: 5 }`,
 * offset default 6. A wrong number is told at its own key.
 */
const psidSet = z
  .strictObject({ offset: z.int().default(DEFAULT_PSID_OFFSET), length: z.int(), id: z.int() })
  .transform((p, ctx): Psid => {
    const problem = psidProblem(p);
    if (!problem) return p;
    ctx.addIssue({ code: 'custom', path: [problem.key], message: problem.message });
    return z.NEVER;
  });

/** A group's PSID sets: one length and offset, ids from `firstId` (default 0), one per SMAP. */
const psidGroup = z
  .strictObject({ offset: z.int().default(DEFAULT_PSID_OFFSET), length: z.int(), firstId: z.int().min(0).default(0) })
  .transform((p, ctx) => {
    const problem = psidProblem({ offset: p.offset, length: p.length, id: 0 });
    if (!problem) return p;
    ctx.addIssue({ code: 'custom', path: [problem.key], message: problem.message });
    return z.NEVER;
  });

const mtu = (min: number) => z.int().min(min).max(9000);

/**
 * The SMAP's MTU knobs beyond the tunnel MTU (docs/mtu.md). Both off by
 * default: the paper's Linksys set its MTU by hand (IV-B).
 */
export const smapMtuKnobs = {
  /** Tunnel PMTU discovery: lower the tunnel MTU to what ICMPv6 Packet Too Big and the SMAP's own link say (paper IV-D). */
  pmtud: z.boolean().default(false),
  /** Clamp the MSS of TCP SYNs crossing the tunnel: to a number of bytes, or to the tunnel's MTU (`pmtu`). */
  mssClamp: z.union([z.int().min(536).max(8960), z.literal('pmtu')]).optional(),
};

/** What a SMAP's NAT does beyond the paper's script (docs/topology.md); both off as the paper had them. */
export const smapNatKnobs = {
  /** Send the LAN's packets for the shared address to the PRR, which carries them to the SMAP owning the port (hairpinning, RFC 7596 section 6.2). */
  hairpin: z.boolean().default(false),
  /** Drop, and count, packets conntrack calls invalid before they enter the tunnel: the NAT left their private source untouched. */
  dropInvalid: z.boolean().default(false),
};

export const clientSchema = z.strictObject({
  name,
  ipv4: address(4).optional(),
});

/** A SMAP's keys after its ports. */
const smapRest = {
  /** Which of the PRR's shared addresses its ports are of; default the first. */
  shared: address(4).optional(),
  lan: prefix(4, 16, 29),
  /** The SMAP's own address on its LAN (the clients' router); default the first host. */
  address: address(4).optional(),
  tunnelMtu: mtu(576).default(1400),
  /** Interface MTU handed to clients by DHCP option 26; absent means none is sent. */
  dhcpMtu: mtu(576).optional(),
  ...smapMtuKnobs,
  ...smapNatKnobs,
  via: name.optional(),
  clients: z.array(clientSchema).default([]),
};

/** A SMAP with a range of ports (`ports: FIRST-LAST`), as the paper gave each room. */
export const smapSchema = z.strictObject({ name, ipv6: address(6), ports: portRange, ...smapRest });
/** A SMAP with an RFC 7597 port set (`psid: { offset, length, id }`). */
export const psidSmapSchema = z.strictObject({ name, ipv6: address(6), psid: psidSet, ...smapRest });

/** A group's keys after its ports. */
const groupRest = {
  /** Which of the PRR's shared addresses its SMAPs' ports are of; default the first. */
  shared: address(4).optional(),
  clientsPerSmap: z.int().min(0).max(50).default(1),
  tunnelMtu: mtu(576).default(1400),
  dhcpMtu: mtu(576).optional(),
  ...smapMtuKnobs,
  ...smapNatKnobs,
  via: name.optional(),
  /** Where the groups' LANs (/24 each) are taken from. */
  lanPool: prefix(4, 8, 24).default(parsePrefix('192.168.0.0/16') as Prefix),
};

export const smapGroupSchema = z.strictObject({
  group: name,
  count: z.int().min(1).max(4000),
  portsPerSmap: z.int().min(1).max(64512),
  firstPort: z.int().min(SHAREABLE_MIN).max(65535).default(SHAREABLE_MIN),
  ...groupRest,
});
/** A group of SMAPs with PSID sets of one length, consecutive ids. */
export const psidGroupSchema = z.strictObject({ group: name, count: z.int().min(1).max(4000), psid: psidGroup, ...groupRest });

export const routerSchema = z.strictObject({
  name,
  /** The router's address on its upstream side: the core, or the link of the router it hangs off (`via`). */
  ipv6: address(6),
  /** Another router whose link this one sits on, so that a path can cross several links of their own MTUs. */
  via: name.optional(),
  /** `drop`: a black-hole router, which drops the ICMPv6 Packet Too Big it should send (RFC 2923 2.1). */
  ptb: z.enum(['send', 'drop']).default('send'),
  link: z.strictObject({
    prefix: prefix(6, 48, 120),
    mtu: mtu(1280).default(1500),
    /** The router's address on the link; default prefix::fe. */
    address: address(6).optional(),
    /** Rate, delay and loss on the link (docs/topology.md, "Impairments"). */
    impair: impairmentSchema.optional(),
  }),
});

/**
 * What a scenario may change in the topology it names (`with:`), so that one
 * topology serves the paper's settings and each fix: the MTU knobs of SMAPs
 * (by name, or a group's name), of the PRR, and of routers.
 */
export const topologyOverridesSchema = z.strictObject({
  smaps: z.record(z.string(), z.strictObject({ tunnelMtu: mtu(576), dhcpMtu: mtu(576), ...smapMtuKnobs, ...smapNatKnobs }).partial()).optional(),
  prr: z.strictObject({ pmtud: z.boolean(), fragments: z.enum(['drop', 'reassemble']), icmp: z.enum(['drop', 'translate']) }).partial().optional(),
  routers: z.record(z.string(), z.strictObject({ ptb: z.enum(['send', 'drop']), mtu: mtu(1280) }).partial()).optional(),
});
export type TopologyOverrides = z.output<typeof topologyOverridesSchema>;

export const topologySchema = z.strictObject({
  name: name.optional(),
  core: z.strictObject({
    prefix: prefix(6, 32, 120),
    mtu: mtu(1280).default(1500),
    impair: impairmentSchema.optional(),
  }),
  internet: z.strictObject({
    prefix: prefix(4, 8, 29),
    impair: impairmentSchema.optional(),
  }),
  prr: z.strictObject({
    name: name.default('prr'),
    ipv6: address(6),
    ipv4: address(4),
    /** The shared IPv4 address, or several: a SMAP's `shared` names its own (default the first). */
    shared: z.union([address(4), z.array(address(4)).min(1)]).transform((s) => (typeof s === 'string' ? [s] : s)),
    /** Tunnel PMTU discovery toward each SMAP, from ICMPv6 Packet Too Big; DF packets that no longer fit get ICMP "fragmentation needed" (RFC 2473 7.1). */
    pmtud: z.boolean().default(false),
    /** IPv6 fragments of tunnel packets: `drop` as the paper's PRR did, or let the kernel reassemble them. */
    fragments: z.enum(['drop', 'reassemble']).default('drop'),
    /** ICMPv4: `drop` as the paper's PRR did, or `translate` (echo by its identifier, errors by the packet they quote; the SMAPs NAT ICMP too). */
    icmp: z.enum(['drop', 'translate']).default('drop'),
  }),
  /** Each entry is one SMAP, or a group of them when it has `count`. */
  smaps: z.array(z.unknown()).min(1, 'expected at least one SMAP'),
  servers: z.array(z.strictObject({ name, ipv4: address(4) })).default([]),
  routers: z.array(routerSchema).default([]),
});

export type ClientSpec = z.infer<typeof clientSchema>;
export type RangeSmapSpec = z.infer<typeof smapSchema>;
export type PsidSmapSpec = z.infer<typeof psidSmapSchema>;
export type SmapSpec = RangeSmapSpec | PsidSmapSpec;
export type RangeGroupSpec = z.infer<typeof smapGroupSchema>;
export type PsidGroupSpec = z.infer<typeof psidGroupSchema>;
export type SmapGroupSpec = RangeGroupSpec | PsidGroupSpec;
export type RouterSpec = z.infer<typeof routerSchema>;
export type TopologySpec = Omit<z.infer<typeof topologySchema>, 'smaps' | 'name'> & {
  readonly name: string;
  readonly smaps: ReadonlyArray<SmapSpec | SmapGroupSpec>;
};

export const isGroup = (s: SmapSpec | SmapGroupSpec): s is SmapGroupSpec => 'count' in s;
