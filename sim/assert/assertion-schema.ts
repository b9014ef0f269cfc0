// What a scenario can assert about a run (docs/profiles.md, "Assertions"):
// delivery, ports in use, ports within the range, exhaustion, drop
// counters and routers' counters. `expect: fail` turns a bug the paper reports (III: ICMP does
// not cross the PRR, FTP fails, DF packets stall) into a regression check:
// it passes while the bug is there and fails, saying so, once it is fixed.
import { z } from 'zod';
import { DROP_REASONS } from '../aplus/core/counters';
import { ROUTER_COUNTERS } from '../kinds/router-counters';

const name = z.string().min(1);
const count = z.int().min(0);

/** equals, at least, at most: one or more, all must hold. */
const bounded = <T extends z.ZodType<number>>(n: T) => ({ equals: n.optional(), atLeast: n.optional(), atMost: n.optional() });
const hasBound = (b: { equals?: number; atLeast?: number; atMost?: number }) =>
  b.equals !== undefined || b.atLeast !== undefined || b.atMost !== undefined;
const boundMessage = { message: 'expected a bound: equals, atLeast or atMost' };

const common = {
  /** Shown in reports instead of the generated title. */
  name: z.string().min(1).optional(),
  /** `fail`: the check is known to fail (a bug of the paper's system); `because` says which. */
  expect: z.enum(['pass', 'fail']).default('pass'),
  because: z.string().min(1).optional(),
};

/** Flows that ended well, of those started, for a client, a SMAP or a profile (all of them if none is given). */
export const deliverySchema = z.strictObject({
  check: z.literal('delivery'),
  client: name.optional(),
  smap: name.optional(),
  profile: name.optional(),
  atLeast: z.number().min(0).max(1),
  ...common,
});

/**
 * The most ports in use at once on a SMAP (all SMAPs if none): of one class,
 * of all (`total`, TCP and UDP together, as the paper's Table I counts), or
 * of the busiest protocol (`busiest`). A range of N ports holds N TCP and N
 * UDP mappings (SNAT keeps a port space per protocol), so `total` can reach
 * twice the range; `busiest` is what the range bounds.
 */
export const portsSchema = z
  .strictObject({
    check: z.literal('ports'),
    smap: name.optional(),
    class: z.enum(['dns', 'http', 'https', 'other', 'total', 'busiest']).default('total'),
    /** Add the SMAPs up, round by round: ports in use on the shared address at once (the campus figures). */
    sum: z.boolean().default(false),
    ...bounded(count),
    ...common,
  })
  .refine(hasBound, boundMessage);

/** No mapped port outside the SMAP's range, in any sample. */
export const withinRangeSchema = z.strictObject({
  check: z.literal('within-range'),
  smap: name.optional(),
  ...common,
});

/** Whether the SMAP's range ran out. */
export const exhaustionSchema = z.strictObject({
  check: z.literal('exhaustion'),
  smap: name.optional(),
  expected: z.boolean(),
  ...common,
});

/**
 * The simulator against the emulation (docs/simulator.md): on each SMAP (or
 * one), the most NAT entries at once the sampler saw (conntrack, both
 * protocols) is within `within` (a fraction) of what the simulator predicts
 * from the same plans, and both say the same about exhaustion.
 */
export const simulatorSchema = z.strictObject({
  check: z.literal('simulator'),
  smap: name.optional(),
  /** SMAPs left out (a disagreement checked by an assertion of its own, with its own bound). */
  except: z.array(name).default([]),
  within: z.number().min(0).max(1).default(0.1),
  ...common,
});

/** A drop counter of the PRR or a SMAP (the node's name), by reason or in total; with `smap`, the PRR's for that SMAP. */
export const dropsSchema = z
  .strictObject({
    check: z.literal('drops'),
    node: name,
    smap: name.optional(),
    reason: z.enum([...DROP_REASONS, 'total']),
    ...bounded(count),
    ...common,
  })
  .refine(hasBound, boundMessage);

/**
 * The path MTU a pmtu probe found: by echoes (what really gets through), or
 * by the ICMP "fragmentation needed" it was sent (`by: icmp`, what tracepath
 * reports: the smallest announced; none announced is no data).
 */
export const pathMtuSchema = z
  .strictObject({
    check: z.literal('path-mtu'),
    probe: name,
    by: z.enum(['echo', 'icmp']).default('echo'),
    ...bounded(count),
    ...common,
  })
  .refine(hasBound, boundMessage);

/** Whether a tcp-bulk or udp-df probe got its data through (a bulk transfer that stalls does not). */
export const transferSchema = z.strictObject({
  check: z.literal('transfer'),
  probe: name,
  completes: z.boolean(),
  ...common,
});

/** ICMP a node sent during the run, from a capture: "fragmentation needed" (v4) or Packet Too Big (v6). */
export const icmpSchema = z
  .strictObject({
    check: z.literal('icmp'),
    node: name,
    type: z.enum(['frag-needed', 'packet-too-big']),
    ...bounded(count),
    ...common,
  })
  .refine(hasBound, boundMessage);

/** A router's counter, read from its kernel: packets forwarded, too big for the next link, Packet Too Big sent or dropped. */
export const routerSchema = z
  .strictObject({
    check: z.literal('router'),
    node: name,
    counter: z.enum(ROUTER_COUNTERS),
    ...bounded(count),
    ...common,
  })
  .refine(hasBound, boundMessage);

export const assertionSchema = z
  .discriminatedUnion('check', [deliverySchema, portsSchema, withinRangeSchema, exhaustionSchema, dropsSchema, pathMtuSchema, transferSchema, icmpSchema, routerSchema, simulatorSchema])
  .refine((a) => a.expect === 'pass' || a.because !== undefined, {
    message: 'expect: fail needs `because`: the known bug it stands for',
    path: ['because'],
  });

export const assertionsSchema = z.array(assertionSchema);

export type Assertion = z.output<typeof assertionSchema>;
export type AssertionInput = z.input<typeof assertionSchema>;
export type CheckKind = Assertion['check'];
