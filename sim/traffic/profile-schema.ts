// The traffic profile file format (docs/profiles.md): plain data, read both
// by the generator in client containers and by the port-demand simulator.
// Times are seconds. Every profile says which figure of the paper (section
// II) it is calibrated on and which numbers it takes from it.
import { z } from 'zod';

const name = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,40}$/, 'expected a name of lowercase letters, digits and dashes, starting with a letter');
const seconds = z.number().min(0, 'expected seconds, 0 or more');
const positiveSeconds = z.number().positive('expected seconds, more than 0');
const count = z.int().min(1).max(100_000);
const port = z.int().min(1).max(65535);
const bytes = z.int().min(0).default(0);

/**
 * Items of an activity start in waves of `concurrency` every `interval`
 * seconds (default `hold`: the next wave when the previous one is done);
 * each item keeps its port `hold` seconds. No wave starts after its phase.
 */
const waves = {
  at: seconds.default(0),
  count,
  concurrency: z.int().min(1).optional(),
  interval: positiveSeconds.optional(),
};

/**
 * DNS lookups over UDP. `hold` is the life of the lookup's conntrack entry,
 * which is what the paper counted (nf_conntrack_udp_timeout, 30 s): the NAT
 * keeps the port that long, not just the few ms of the lookup.
 */
export const dnsActivitySchema = z.strictObject({
  kind: z.literal('dns'),
  ...waves,
  hold: positiveSeconds.default(30),
  /** Names looked up in turn; `{i}` is replaced by the lookup's number (0, 1, ...). */
  names: z.array(z.string().min(1)).min(1),
});

/** TCP connections to one destination port: 80 (HTTP), 443 (HTTPS) or any other. */
export const tcpActivitySchema = z.strictObject({
  kind: z.literal('tcp'),
  port,
  ...waves,
  hold: positiveSeconds,
  bytesUp: bytes,
  bytesDown: bytes,
});

/** Long-lived UDP flows (voice, game state), each on its own port, to the phase's end unless `hold` says. */
export const udpActivitySchema = z.strictObject({
  kind: z.literal('udp'),
  port,
  at: seconds.default(0),
  count,
  hold: positiveSeconds.optional(),
  /** Packets per second each way. */
  rate: z.number().positive(),
  /** UDP payload bytes per packet (1472 fills a 1500-byte MTU). */
  size: z.int().min(1).max(1472),
});

/**
 * Many TCP connections to distinct peers (BitTorrent, paper II-B4): most
 * peers get one connection; `reuse.peers` of them get `portsEach` at once.
 */
export const peersActivitySchema = z.strictObject({
  kind: z.literal('peers'),
  port: port.default(6881),
  ...waves,
  hold: positiveSeconds,
  bytesUp: bytes,
  bytesDown: bytes,
  reuse: z
    .strictObject({
      peers: z.int().min(0),
      portsEach: z.tuple([z.int().min(1), z.int().min(1)]).refine(([lo, hi]) => lo <= hi, 'expected [least, most]'),
    })
    .default({ peers: 0, portsEach: [1, 1] }),
});

export const activitySchema = z.discriminatedUnion('kind', [
  dnsActivitySchema,
  tcpActivitySchema,
  udpActivitySchema,
  peersActivitySchema,
]);

export const phaseSchema = z.strictObject({
  name,
  start: seconds,
  duration: positiveSeconds,
  activities: z.array(activitySchema).default([]),
});

/** A range of factors, [least, most]. */
const factors = (lo: number, hi: number, what: string) =>
  z.tuple([z.number().min(lo).max(hi), z.number().min(lo).max(hi)]).refine(([a, b]) => a <= b, `expected [least, most] ${what}`);

/**
 * How users of the profile differ (docs/profiles.md): each user starts up to
 * `start` seconds late, and each of its activities has its counts multiplied
 * by a factor in `count` and the time between its waves by one in `think`,
 * all drawn uniformly per user from its seed. The paper's figures are what
 * it measured on one session, its heaviest: factors only make a user lighter
 * (counts at most 1, think times at least 1), so the profile's own numbers
 * (portDemand) stay every user's bound. `why` says what in the source
 * supports the ranges.
 */
export const variationSchema = z.strictObject({
  start: seconds.default(0),
  count: factors(0.01, 1, 'between 0.01 and 1').default([1, 1]),
  think: factors(1, 100, 'between 1 and 100').default([1, 1]),
  why: z.string().min(1),
});

export const profileSchema = z
  .strictObject({
    name,
    description: z.string().min(1),
    source: z.strictObject({
      /** Where in the paper: section and figure, e.g. "II-B1, Fig. 2". */
      paper: z.string().min(1),
      /** The numbers taken from it, as the paper states them. */
      numbers: z.array(z.string().min(1)).min(1),
      notes: z.string().optional(),
    }),
    phases: z.array(phaseSchema).min(1),
    variation: variationSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const seen = new Set<string>();
    p.phases.forEach((ph, i) => {
      if (seen.has(ph.name)) issue(['phases', i, 'name'], `duplicate phase name "${ph.name}"`);
      seen.add(ph.name);
      const prev = p.phases[i - 1];
      if (prev && ph.start < prev.start + prev.duration)
        issue(['phases', i, 'start'], `phase starts at ${ph.start} s, before "${prev.name}" ends at ${prev.start + prev.duration} s`);
      ph.activities.forEach((a, j) => {
        if (a.at >= ph.duration) issue(['phases', i, 'activities', j, 'at'], `starts at ${a.at} s, not inside the phase's ${ph.duration} s`);
        if (a.kind !== 'udp' && a.concurrency !== undefined && a.concurrency > a.count)
          issue(['phases', i, 'activities', j, 'concurrency'], `${a.concurrency} at once is more than the count ${a.count}`);
        if (a.kind === 'peers' && a.reuse.peers * a.reuse.portsEach[1] > a.count)
          issue(['phases', i, 'activities', j, 'reuse'], `${a.reuse.peers} reused peers of up to ${a.reuse.portsEach[1]} connections need more than the count ${a.count}`);
      });
    });
  });

export type Profile = z.output<typeof profileSchema>;
export type Phase = Profile['phases'][number];
export type Activity = Phase['activities'][number];
export type DnsActivity = z.output<typeof dnsActivitySchema>;
export type TcpActivity = z.output<typeof tcpActivitySchema>;
export type UdpActivity = z.output<typeof udpActivitySchema>;
export type PeersActivity = z.output<typeof peersActivitySchema>;
export type Variation = z.output<typeof variationSchema>;

/** The end of the last phase, in seconds from the start. */
export function profileDuration(p: Pick<Profile, 'phases'>): number {
  return Math.max(...p.phases.map((ph) => ph.start + ph.duration));
}
