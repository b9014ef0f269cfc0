// The probe program's command line (docs/probes.md), checked by hand: it runs
// in client containers with Node built-ins only (no zod). Each error is one
// line naming the option and what was expected; the program exits 2 on it.
import { parseArgs } from 'node:util';
import type { ProbeRecord } from '../assert/measured-data';
import { ipv4ToInt } from '../traffic/generator/ipv4';
import { PROBE_ECHO_PORT } from './probe-echo';
import { MAX_IPV4_PACKET, MIN_IPV4_MTU } from './probe-wire';
import { parseStartAt, type StartWhen } from '../traffic/generator/start-handshake';

export const PROBE_USAGE =
  'usage: node probe.mjs --kind pmtu|udp-df|tcp-bulk --name NAME --client NAME --smap NAME --server IPV4 --out FILE [--port N] ' +
  '[--start-at EPOCH_MS|stdin] [--offset S] [pmtu: --max BYTES --tries N --wait-ms MS] [udp-df: --size BYTES --count N --interval MS --adapts --wait-ms MS] ' +
  '[tcp-bulk: --direction up|down --bytes N --stall-ms MS --timeout-s S]';

/** The emulated Internet's TCP port the tcp-bulk probe uses unless told otherwise. */
export const DEFAULT_TCP_PORT = 80;

export type ProbeKind = ProbeRecord['kind'];

interface CommonOptions {
  readonly name: string;
  readonly client: string;
  /** The client's SMAP, for the record only; may be empty. */
  readonly smap: string;
  readonly server: string;
  readonly port: number;
  readonly out: string;
  /** When the probe begins (start-handshake.ts): at once unless told; plus `offsetS`. */
  readonly start: StartWhen;
  /** Seconds from the start time to the probe's own: a run's probes share its start and keep their `at`. */
  readonly offsetS: number;
}

export interface PmtuOptions extends CommonOptions {
  readonly kind: 'pmtu';
  /** Largest IPv4 packet to try; default the MTU of the interface toward the server. */
  readonly max?: number;
  /** Datagrams sent at one size before it is judged too big. */
  readonly tries: number;
  /** How long each try waits for its echo. */
  readonly waitMs: number;
}

export interface UdpDfOptions extends CommonOptions {
  readonly kind: 'udp-df';
  /** IPv4 packet size, headers included. */
  readonly size: number;
  readonly count: number;
  readonly intervalMs: number;
  /** Listens to ICMP and PMTU (shrinks); false: the paper's Call of Duty. */
  readonly adapts: boolean;
  /** How long to wait for echoes after the last datagram. */
  readonly waitMs: number;
}

export interface TcpBulkOptions extends CommonOptions {
  readonly kind: 'tcp-bulk';
  readonly direction: 'up' | 'down';
  readonly bytes: number;
  /** No progress for this long is a stall. */
  readonly stallMs: number;
  /** The transfer is given up after this many seconds. */
  readonly timeoutS: number;
}

export type ProbeOptions = PmtuOptions | UdpDfOptions | TcpBulkOptions;

export const PROBE_DEFAULTS = {
  tries: 3,
  waitMs: 1000,
  count: 50,
  intervalMs: 100,
  bytes: 4_000_000,
  stallMs: 2000,
  timeoutS: 20,
} as const;

/** Bad options: exit code 2. */
export class ProbeInputError extends Error {
  override readonly name = 'ProbeInputError';
}

const fail = (msg: string): never => {
  throw new ProbeInputError(msg);
};

const KINDS: readonly ProbeKind[] = ['pmtu', 'udp-df', 'tcp-bulk'];
/** The options only one kind takes. */
const KIND_OPTIONS: Readonly<Record<ProbeKind, readonly string[]>> = {
  pmtu: ['max', 'tries', 'wait-ms'],
  'udp-df': ['size', 'count', 'interval', 'adapts', 'wait-ms'],
  'tcp-bulk': ['direction', 'bytes', 'stall-ms', 'timeout-s'],
};

function integer(flag: string, v: string | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  const n = /^\d{1,12}$/.test(v) ? Number(v) : NaN;
  return n >= min && n <= max ? n : fail(`--${flag}: expected a whole number from ${min} to ${max}, got "${v}"`);
}

/** Seconds up to a day: more than 0, or from 0 when `zero` may be given (an offset). */
function seconds(flag: string, v: string | undefined, dflt: number, zero = false): number {
  if (v === undefined) return dflt;
  const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  if ((zero ? n >= 0 : n > 0) && n <= 86400) return n;
  return fail(`--${flag}: expected seconds${zero ? ' from 0 to 86400' : ', more than 0'}, got "${v}"`);
}

export function parseProbeArgs(argv: readonly string[]): ProbeOptions {
  const str = { type: 'string' } as const;
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        kind: str, name: str, client: str, smap: str, server: str, port: str, out: str, 'start-at': str, offset: str,
        max: str, tries: str, 'wait-ms': str,
        size: str, count: str, interval: str, adapts: { type: 'boolean' },
        direction: str, bytes: str, 'stall-ms': str, 'timeout-s': str,
      },
    }));
  } catch (e) {
    // Node's messages name the option; their first sentence (some have more lines) is enough.
    return fail(`${(e as Error).message.split('\n')[0]!.split('. ')[0]}; ${PROBE_USAGE}`);
  }
  const v: Readonly<Record<string, string | boolean | undefined>> = values;
  const text = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);

  const kind = text('kind');
  if (kind === undefined) return fail(`--kind is required; ${PROBE_USAGE}`);
  if (!(KINDS as readonly string[]).includes(kind)) return fail(`--kind: expected pmtu, udp-df or tcp-bulk, got "${kind}"`);
  const k = kind as ProbeKind;
  for (const req of ['name', 'client', 'server', 'out']) if (!text(req)) fail(`--${req} is required; ${PROBE_USAGE}`);
  // The orchestrator passes an empty --smap for a client it found no SMAP for: that is still a probe to run.
  if (text('smap') === undefined) fail(`--smap is required; ${PROBE_USAGE}`);
  for (const [other, opts] of Object.entries(KIND_OPTIONS)) {
    if (other === k) continue;
    for (const o of opts) if (v[o] !== undefined && !KIND_OPTIONS[k].includes(o)) fail(`--${o} is an option of --kind ${other}, not of ${k}`);
  }
  const server = text('server')!;
  if (ipv4ToInt(server) === undefined) fail(`--server: expected an IPv4 address, got "${server}"`);
  const common = {
    name: text('name')!,
    client: text('client')!,
    smap: text('smap')!,
    server,
    port: integer('port', text('port'), k === 'tcp-bulk' ? DEFAULT_TCP_PORT : PROBE_ECHO_PORT, 1, 65535),
    out: text('out')!,
    start: parseStartAt(text('start-at')) ?? fail(`--start-at: expected epoch milliseconds or "stdin", got "${text('start-at')}"`),
    offsetS: seconds('offset', text('offset'), 0, true),
  };
  const waitMs = integer('wait-ms', text('wait-ms'), PROBE_DEFAULTS.waitMs, 1, 600_000);
  switch (k) {
    case 'pmtu': {
      const max = text('max');
      return {
        kind: k, ...common, waitMs,
        ...(max === undefined ? {} : { max: integer('max', max, 0, MIN_IPV4_MTU, MAX_IPV4_PACKET) }),
        tries: integer('tries', text('tries'), PROBE_DEFAULTS.tries, 1, 100),
      };
    }
    case 'udp-df': {
      const size = text('size') ?? fail(`--size is required for --kind udp-df (IPv4 packet bytes, ${MIN_IPV4_MTU}-${MAX_IPV4_PACKET})`);
      return {
        kind: k, ...common, waitMs,
        size: integer('size', size, 0, MIN_IPV4_MTU, MAX_IPV4_PACKET),
        count: integer('count', text('count'), PROBE_DEFAULTS.count, 1, 10_000_000),
        intervalMs: integer('interval', text('interval'), PROBE_DEFAULTS.intervalMs, 1, 600_000),
        adapts: v.adapts === true,
      };
    }
    case 'tcp-bulk': {
      const direction = text('direction') ?? 'up';
      if (direction !== 'up' && direction !== 'down') fail(`--direction: expected up or down, got "${direction}"`);
      return {
        kind: k, ...common,
        direction: direction as 'up' | 'down',
        bytes: integer('bytes', text('bytes'), PROBE_DEFAULTS.bytes, 1, 1e12),
        stallMs: integer('stall-ms', text('stall-ms'), PROBE_DEFAULTS.stallMs, 1, 3_600_000),
        timeoutS: seconds('timeout-s', text('timeout-s'), PROBE_DEFAULTS.timeoutS),
      };
    }
  }
}
