// The scenario file format (docs/scenarios.md): a topology (a path, or
// inline), the traffic its clients run, and what must hold afterwards.
import { z } from 'zod';
import { assertionSchema } from '../assert/assertion-schema';

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
  traffic: z.array(trafficSchema).default([]),
  /** Conntrack sampling on each SMAP, seconds (the paper sampled every 10 s). */
  sampleEvery: z.number().positive().max(60).default(1),
  assertions: z.array(z.unknown()).default([]),
});

export { assertionSchema };
export type TrafficSpec = z.output<typeof trafficSchema>;
