// The scenario file format (docs/scenarios.md): a topology (a path, or
// inline), the traffic its clients run, and what must hold afterwards.
import { z } from 'zod';
import { impairmentSchema } from './impairment';
import { assertionSchema } from '../assert/assertion-schema';
import { topologyOverridesSchema } from './topology-schema';

const name = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'expected a name of lowercase letters, digits and dashes');

/** Who runs a profile: named clients, every client of named SMAPs, or every client. */
export const trafficSchema = z
  .strictObject({
    profile: z.string().min(1),
    clients: z.array(name).min(1).optional(),
    smaps: z.array(name).min(1).optional(),
    /** Seconds after the traffic phase starts (scaled time). */
    start: z.number().min(0).default(0),
    /** Time factor: 10 plays the profile ten times faster (docs/profiles.md). */
    speed: z.number().positive().optional(),
    /** Or: the seconds the whole profile should take. */
    duration: z.number().positive().optional(),
    /** The part of the profile each client plays (campus: 0.01 for each of 100 hosts). */
    share: z.number().gt(0).max(1).optional(),
    /**
     * Seconds over which the entry's clients start, evenly: of n clients, the
     * i-th starts at start + spread * i / n. Hosts sharing one profile then do
     * not open their waves of connections in the same second.
     */
    spread: z.number().min(0).default(0),
  })
  .refine((t) => !(t.clients && t.smaps), { message: 'give clients or smaps, not both', path: ['smaps'] })
  .refine((t) => !(t.speed && t.duration), { message: 'give speed or duration, not both', path: ['duration'] });

/** Seconds after the traffic phase starts. */
const at = z.number().min(0).default(0);

/** MTU probes run from a client (docs/mtu.md; sim/probes). */
export const probeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('pmtu'), name, client: name, at,
    /** The largest packet to try, bytes; default the client's interface MTU. */
    max: z.int().min(68).max(9000).optional(),
  }),
  z.strictObject({
    kind: z.literal('udp-df'), name, client: name, at,
    /** IPv4 packet size, header included. */
    size: z.int().min(68).max(9000),
    count: z.int().min(1).max(100000).default(50),
    /** Milliseconds between datagrams. */
    interval: z.int().min(1).max(60000).default(100),
    /** false: the paper's Call of Duty, which ignores ICMP; true: shrinks to the MTU it is told. */
    adapts: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('tcp-bulk'), name, client: name, at,
    direction: z.enum(['up', 'down']).default('up'),
    bytes: z.int().min(1).max(1e10).default(4_000_000),
    /** No progress for this many milliseconds is a stall. */
    stallMs: z.int().min(100).max(600_000).default(2000),
    /** Seconds before the transfer is given up. */
    timeout: z.number().positive().max(3600).default(20),
  }),
]);

/**
 * Changes while traffic flows: a link's MTU (every interface on the link of
 * router `link`), whether a router sends its Packet Too Big (a black hole
 * that starts or stops), a network's impairment (by its name as `aplus
 * check` prints it: core, internet, link-ROUTER; `impair: {}` lifts it), or
 * a command run in a node (a ping, a datagram to a port nobody owns, a
 * packet injected by a SMAP), which must exit 0.
 */
export const eventSchema = z.union([
  z.strictObject({ at: z.number().min(0), network: z.string().min(1), impair: impairmentSchema }),
  z.strictObject({ at: z.number().min(0), link: name, mtu: z.int().min(1280).max(9000) }),
  z.strictObject({ at: z.number().min(0), router: name, ptb: z.enum(['send', 'drop']) }),
  z.strictObject({ at: z.number().min(0), node: name, run: z.string().min(1), name: z.string().min(1).optional() }),
]);

/**
 * Traffic from a simulation spec (docs/simulator.md): its mix over the
 * scenario's clients (or those named, or those of the SMAPs named), in
 * blocks by percent in the spec's order, each played with the entry's share;
 * its seed and conntrack timeouts are the run's. Emulated generator i is then
 * simulated user i, with the spec's `users` replaced by the clients' number.
 */
export const simulationTrafficSchema = z
  .strictObject({
    /** The spec file, relative to the scenario file. */
    spec: z.string().min(1),
    clients: z.array(name).min(1).optional(),
    smaps: z.array(name).min(1).optional(),
    speed: z.number().positive().optional(),
    duration: z.number().positive().optional(),
    spread: z.number().min(0).default(0),
  })
  .refine((t) => !(t.clients && t.smaps), { message: 'give clients or smaps, not both', path: ['smaps'] })
  .refine((t) => !(t.speed && t.duration), { message: 'give speed or duration, not both', path: ['duration'] });

export const scenarioSchema = z.strictObject({
  name: name.optional(),
  description: z.string().optional(),
  /** Tags select scenarios in a run of many (aplus test --tag). */
  tags: z.array(name).default([]),
  /** A topology file, relative to the scenario file, or a topology written here. */
  topology: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  /** Changes to that topology's MTU knobs for this scenario (the same rooms, another fix). */
  with: topologyOverridesSchema.optional(),
  traffic: z.array(trafficSchema).default([]),
  /** Or: the traffic of a simulation spec, which then gives the seed. */
  simulation: simulationTrafficSchema.optional(),
  /** Generator i plays with seed + i (aplus simulate's user i with the same seed); default 1. */
  seed: z.int().min(0).max(2 ** 32).optional(),
  /** Conntrack sampling on each SMAP, seconds (the paper sampled every 10 s). */
  sampleEvery: z.number().positive().max(60).default(1),
  probes: z.array(probeSchema).default([]),
  events: z.array(eventSchema).default([]),
  assertions: z.array(z.unknown()).default([]),
});

export type ProbeSpec = z.output<typeof probeSchema>;
export type EventSpec = z.output<typeof eventSchema>;

export { assertionSchema };
export type TrafficSpec = z.output<typeof trafficSchema>;
export type SimulationTraffic = z.output<typeof simulationTrafficSchema>;
