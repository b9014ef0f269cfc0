// The generator's command line and its profile file, checked by hand: it
// runs in client containers with Node built-ins only (no zod). Each error
// is one line naming the flag or the file and what was expected.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ScaledProfile } from '../scale-profile';
import { ipv4ToInt } from './ipv4';
import { GENERATOR_DEFAULTS, type GeneratorOptions } from './run-generator';
import { parseStartAt, type StartWhen } from './start-handshake';

export const GENERATOR_USAGE =
  'usage: node generator.mjs --profile FILE.json --client NAME --smap NAME --dns IP[:PORT] --out FILE.jsonl ' +
  '[--seed N] [--server IP] [--peers IP[/COUNT]] [--grace S] [--connect-timeout S] [--dns-timeout S] [--flow-timeout S] [--max-open N] [--start-at EPOCH_MS|stdin] [--offset S]';

/** Bad flags or a bad profile file: exit code 2, as the CLI's InputError. */
export class GeneratorInputError extends Error {
  override readonly name = 'GeneratorInputError';
}

const fail = (msg: string): never => {
  throw new GeneratorInputError(msg);
};

function address(flag: string, v: string): string {
  return ipv4ToInt(v) === undefined ? fail(`--${flag}: expected an IPv4 address, got "${v}"`) : v;
}

function number(flag: string, v: string | undefined, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  return Number.isFinite(n) && n >= min ? n : fail(`--${flag}: expected a number ${min} or more, got "${v}"`);
}

/** The JSON the orchestrator writes from scaleProfile; checked only for what the generator reads. */
export function readScaledProfile(file: string): ScaledProfile {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return fail(`${file}: cannot read the profile: ${(e as Error).message}`);
  }
  const p = value as Partial<ScaledProfile> | null;
  if (!p || typeof p.name !== 'string') return fail(`${file} name: expected the profile's name`);
  if (!Array.isArray(p.phases) || p.phases.length === 0) return fail(`${file} phases: expected a list of phases`);
  p.phases.forEach((ph, i) => {
    if (typeof ph?.start !== 'number' || typeof ph.duration !== 'number' || !Array.isArray(ph.activities))
      fail(`${file} phases[${i}]: expected start, duration and activities (a profile from scaleProfile)`);
    ph.activities.forEach((a, j) => {
      if (!['dns', 'tcp', 'udp', 'peers'].includes(a?.kind)) fail(`${file} phases[${i}].activities[${j}].kind: expected dns, tcp, udp or peers`);
    });
  });
  return { ...(p as ScaledProfile), timeScale: typeof p.timeScale === 'number' ? p.timeScale : 1 };
}


export interface GeneratorArgs {
  readonly options: GeneratorOptions;
  /** When the profile begins (start-handshake.ts), plus `offsetS`. */
  readonly start: StartWhen;
  /** Seconds from the start time to this generator's time 0: generators of one run share a start and keep their own offsets. */
  readonly offsetS: number;
}

export function parseGeneratorArgs(argv: readonly string[]): GeneratorArgs {
  const { values: v } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      profile: { type: 'string' },
      client: { type: 'string' },
      smap: { type: 'string' },
      dns: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      server: { type: 'string' },
      peers: { type: 'string' },
      grace: { type: 'string' },
      'connect-timeout': { type: 'string' },
      'dns-timeout': { type: 'string' },
      'flow-timeout': { type: 'string' },
      'max-open': { type: 'string' },
      'start-at': { type: 'string' },
      offset: { type: 'string' },
    },
  });
  for (const k of ['profile', 'client', 'smap', 'dns', 'out'] as const) if (!v[k]) fail(`--${k} is required; ${GENERATOR_USAGE}`);
  const [dnsHost = '', dnsPort] = v.dns!.split(':');
  const dns = { host: address('dns', dnsHost), port: number('dns', dnsPort, 53, 1) };
  // The DNS server is the first Internet server in the topologies, so it is the default for flows too.
  const server = address('server', v.server ?? dns.host);
  const [peerFirst = '', peerCount] = (v.peers ?? server).split('/');
  const start = parseStartAt(v['start-at']) ?? fail(`--start-at: expected epoch milliseconds or "stdin", got "${v['start-at']}"`);
  const offsetS = number('offset', v.offset, 0, 0);
  const options: GeneratorOptions = {
    profile: readScaledProfile(v.profile!),
    client: v.client!,
    smap: v.smap!,
    dns,
    server,
    peers: { first: address('peers', peerFirst), count: Math.floor(number('peers', peerCount, 1, 1)) },
    out: v.out!,
    seed: Math.floor(number('seed', v.seed, 1, 0)),
    graceS: number('grace', v.grace, GENERATOR_DEFAULTS.graceS, 0),
    connectTimeoutS: number('connect-timeout', v['connect-timeout'], GENERATOR_DEFAULTS.connectTimeoutS, 0.001),
    dnsTimeoutS: number('dns-timeout', v['dns-timeout'], GENERATOR_DEFAULTS.dnsTimeoutS, 0.001),
    flowTimeoutS: number('flow-timeout', v['flow-timeout'], GENERATOR_DEFAULTS.flowTimeoutS, 0.001),
    maxOpen: Math.floor(number('max-open', v['max-open'], GENERATOR_DEFAULTS.maxOpen, 1)),
  };
  return { options, start, offsetS };
}
