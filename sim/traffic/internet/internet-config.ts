// The emulated Internet's configuration file (JSON, written by the
// orchestrator; docs/traffic.md), checked by hand: the server container has
// Node built-ins only. Each error names the key and what was expected.

import { SERVER_FILES } from '../../kinds/paths';

export interface InternetConfig {
  /** Where every listener binds; 0.0.0.0 also covers the peer addresses added to the interface. */
  readonly bind: string;
  readonly dnsPort: number;
  /** Name patterns (`*` is any run of characters) to addresses, first match wins; else `default`, else NXDOMAIN. */
  readonly names: readonly (readonly [pattern: RegExp, address: string])[];
  readonly defaultAddress: string | undefined;
  readonly ttl: number;
  /** TCP ports speaking the generator's protocol (wire-protocol.ts). */
  readonly tcpPorts: readonly number[];
  /** Ports of the peers activities: the same protocol, logged as peers. */
  readonly peerPorts: readonly number[];
  /** UDP echo ports (games, VoIP, DHT). */
  readonly udpPorts: readonly number[];
  /** A JSON-lines file, or "-" for stdout. */
  readonly log: string;
  /** A UDP flow silent this long is logged and forgotten. */
  readonly udpIdleS: number;
  /** The MTU probes' echo (sim/probes/probe-echo.ts), UDP; none when absent. */
  readonly probeEchoPort?: number;
}

export class InternetConfigError extends Error {
  override readonly name = 'InternetConfigError';
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** `*.fbcdn.test` matches `static3.fbcdn.test`; case does not matter (RFC 4343). */
export function namePattern(glob: string): RegExp {
  const body = glob.replace(/\.$/, '').split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}\\.?$`, 'i');
}

/** The address for `name`, or undefined for NXDOMAIN. */
export function addressFor(c: Pick<InternetConfig, 'names' | 'defaultAddress'>, name: string): string | undefined {
  for (const [re, a] of c.names) if (re.test(name)) return a;
  return c.defaultAddress;
}

export function parseInternetConfig(value: unknown, where = 'config'): InternetConfig {
  const fail = (key: string, msg: string): never => {
    throw new InternetConfigError(`${where} ${key}: ${msg}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('(top)', 'expected an object');
  const v = value as Record<string, unknown>;
  const known = ['bind', 'dnsPort', 'dns', 'ttl', 'tcpPorts', 'peerPorts', 'udpPorts', 'log', 'udpIdle', 'probeEcho'];
  for (const k of Object.keys(v)) if (!known.includes(k)) fail(k, `unknown key; known: ${known.join(', ')}`);
  const addr = (key: string, x: unknown) => (typeof x === 'string' && IPV4.test(x) ? x : fail(key, `expected an IPv4 address, got ${JSON.stringify(x)}`));
  const port = (key: string, x: unknown) => (Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 65535 ? (x as number) : fail(key, `expected a port 0-65535, got ${JSON.stringify(x)}`));
  const ports = (key: string, x: unknown, dflt: number[]) =>
    x === undefined ? dflt : Array.isArray(x) ? x.map((p, i) => port(`${key}[${i}]`, p)) : fail(key, 'expected a list of ports');
  const positive = (key: string, x: unknown, dflt: number) =>
    x === undefined ? dflt : typeof x === 'number' && x > 0 ? x : fail(key, `expected a number more than 0, got ${JSON.stringify(x)}`);

  const dns = (v.dns ?? {}) as Record<string, unknown>;
  if (typeof dns !== 'object' || Array.isArray(dns)) fail('dns', 'expected { default, names }');
  for (const k of Object.keys(dns)) if (k !== 'default' && k !== 'names') fail(`dns.${k}`, 'unknown key; known: default, names');
  const names = (dns.names ?? {}) as Record<string, unknown>;
  if (typeof names !== 'object' || Array.isArray(names)) fail('dns.names', 'expected an object of pattern: address');
  const log = v.log ?? SERVER_FILES.internetLog;
  return {
    bind: v.bind === undefined ? '0.0.0.0' : addr('bind', v.bind),
    dnsPort: v.dnsPort === undefined ? 53 : port('dnsPort', v.dnsPort),
    names: Object.entries(names).map(([p, a]) => [namePattern(p), addr(`dns.names["${p}"]`, a)] as const),
    defaultAddress: dns.default === undefined ? undefined : addr('dns.default', dns.default),
    ttl: Math.floor(positive('ttl', v.ttl, 60)),
    tcpPorts: ports('tcpPorts', v.tcpPorts, [80, 443]),
    peerPorts: ports('peerPorts', v.peerPorts, [6881]),
    udpPorts: ports('udpPorts', v.udpPorts, []),
    log: typeof log === 'string' && log.length > 0 ? log : fail('log', 'expected a file name or "-"'),
    udpIdleS: positive('udpIdle', v.udpIdle, 5),
    ...(v.probeEcho === undefined ? {} : { probeEchoPort: port('probeEcho', v.probeEcho) }),
  };
}
