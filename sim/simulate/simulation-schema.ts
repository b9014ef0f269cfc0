// The simulation spec file (docs/simulator.md): a population mix of
// profiles, how many users, the port-set sizes or sharing ratios to weigh,
// the SMAPs' conntrack timeouts and a seed.
import { z } from 'zod';
import { CONNTRACK_TIMEOUTS } from '../traffic/conntrack-timeouts';
import { USABLE_PORTS } from './sizing';

const name = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,40}$/, 'expected a name of lowercase letters, digits and dashes, starting with a letter');
const seconds = z.number().positive('expected seconds, more than 0');

export const mixEntrySchema = z.strictObject({
  /** A profile of profiles/, by name, as in a scenario's traffic. */
  profile: z.string().min(1),
  /** Of the users, in percent; the entries add up to 100. */
  percent: z.number().positive().max(100),
  /** The part of the profile one user plays (campus: 0.01, one host of a residence of 100). */
  share: z.number().positive().max(1).default(1),
});

export const simulationSchema = z
  .strictObject({
    name,
    description: z.string().min(1).optional(),
    users: z.int().min(1).max(100_000_000),
    /** User i is planned with seed + i, as generator i of a scenario with the same seed (a scenario made from this spec takes it). */
    seed: z.int().min(0).max(2 ** 32).default(1),
    mix: z.array(mixEntrySchema).min(1),
    /** Port-set sizes to weigh: ports of each protocol per user. */
    sizes: z.array(z.int().min(1).max(USABLE_PORTS)).default([]),
    /** Or users per address: each gives the size floor(USABLE_PORTS / ratio). */
    ratios: z.array(z.int().min(1).max(USABLE_PORTS)).default([]),
    /** Fractions of users to serve with no exhaustion, for the smallest-set answers. */
    targets: z.array(z.number().gt(0).lt(1)).min(1).default([0.99, 0.999, 0.9999]),
    /** The SMAPs' conntrack timeouts, seconds (default Linux's). */
    conntrack: z
      .strictObject({ udp: seconds, udpStream: seconds, tcpTimeWait: seconds })
      .partial()
      .default({}),
  })
  .superRefine((s, ctx) => {
    const sum = s.mix.reduce((a, e) => a + e.percent, 0);
    if (Math.abs(sum - 100) > 1e-6) ctx.addIssue({ code: 'custom', path: ['mix'], message: `the percents add up to ${sum}, not 100` });
    if (s.sizes.length === 0 && s.ratios.length === 0) ctx.addIssue({ code: 'custom', path: ['sizes'], message: 'expected sizes or ratios to weigh' });
  });

export type SimulationSpec = z.output<typeof simulationSchema>;

/** The timeouts a spec gives, the rest Linux's. */
export const specTimeouts = (s: SimulationSpec) => ({ ...CONNTRACK_TIMEOUTS, ...s.conntrack });
