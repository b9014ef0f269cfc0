// Typed wrapper over the probeio N-API addon (native/probeio.c): a connected
// UDP socket with a chosen PMTU discovery mode and its error queue, where the
// kernel puts ICMP "fragmentation needed" (RFC 1191), and TCP_INFO for a TCP
// socket. See docs/probes.md. Only Node built-ins: it is bundled into the
// probe program of the client image.
//
// The calls block (wait() polls with a timeout on the JS thread): the probes
// are short-lived processes of their own, with nothing else to serve.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../model/errors';
import { ADDONS } from '../kinds/paths';

/** IP_MTU_DISCOVER: `do` sets DF and refuses sends above the path MTU the kernel
 * knows (EMSGSIZE); `probe` sets DF and ignores that PMTU (only the device MTU
 * counts); `want` sets DF below it; `dont` never sets DF. */
export type PmtuDiscovery = 'do' | 'probe' | 'want' | 'dont';

/** What wait() saw first: the error queue is read before the data. */
export type ProbeEvent =
  | { readonly kind: 'data'; readonly bytes: Buffer }
  /** An ICMP error about one of our datagrams (type 3 code 4: `info` is the next-hop MTU).
   * `quote`: the start of that datagram's UDP payload, as far as the ICMP quoted it. */
  | { readonly kind: 'icmp'; readonly type: number; readonly code: number; readonly info: number; readonly errno: number; readonly offender?: string; readonly quote?: Buffer }
  /** A local error queued by the kernel (with `do`, EMSGSIZE and `info` = the path MTU). */
  | { readonly kind: 'local'; readonly errno: number; readonly info?: number; readonly quote?: Buffer }
  /** A socket error with nothing in the queue to explain it. */
  | { readonly kind: 'error'; readonly errno: number }
  | { readonly kind: 'timeout' };

/** A few TCP_INFO fields; `bytesAcked` is what the peer acknowledged (RFC 4898). */
export interface TcpInfo {
  readonly state: number;
  readonly pmtu: number;
  readonly bytesAcked: number;
  readonly bytesReceived: number;
  readonly retransmits: number;
  readonly totalRetrans: number;
}

interface NativeUdpProbe {
  readonly fd: number;
  send(payload: Buffer): number;
  wait(ms: number): ProbeEvent;
  mtu(): number;
  local(): string;
  close(): void;
}
interface ProbeioAddon {
  readonly UdpProbe: new (host: string, port: number, mode: PmtuDiscovery) => NativeUdpProbe;
  tcpInfo(fd: number): TcpInfo;
}

/** Where the addon may be: $APLUS_PROBEIO, the repo's build, the client image's copy. */
export function probeioCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  if (env.APLUS_PROBEIO) out.push(env.APLUS_PROBEIO);
  if (typeof import.meta.url === 'string') {
    out.push(fileURLToPath(new URL('../../build/Release/probeio.node', import.meta.url)));
  }
  out.push(ADDONS.probeio);
  return out;
}

let addon: ProbeioAddon | undefined;

/** Loads the addon once, on first use, so importing this file never fails. */
export function loadProbeio(): ProbeioAddon {
  if (addon) return addon;
  const tried = probeioCandidates();
  const path = tried.find((p) => existsSync(p));
  if (!path) {
    throw new EnvironmentError(`probeio.node not found (looked in ${tried.join(', ')})`, {
      hint: 'run `npm ci` to build it, or set APLUS_PROBEIO to its path',
    });
  }
  const require = createRequire(typeof import.meta.url === 'string' ? import.meta.url : `${process.cwd()}/`);
  try {
    addon = require(path) as ProbeioAddon;
  } catch (cause) {
    throw new EnvironmentError(`cannot load ${path}`, { cause, hint: 'rebuild it with `npm rebuild`' });
  }
  return addon;
}

const ERRNO_NAMES = new Map<number, string>(Object.entries(constants.errno).map(([name, n]) => [n, name]));

/** EMSGSIZE for 90 (or -90): the name for a reason string. */
export function errnoName(errno: number): string {
  return ERRNO_NAMES.get(Math.abs(errno)) ?? `errno ${Math.abs(errno)}`;
}

export const EMSGSIZE = constants.errno.EMSGSIZE;

/** A UDP socket connected to host:port, IP_RECVERR on, DF as `mode` says. */
export class UdpProbe implements Disposable {
  private constructor(private readonly h: NativeUdpProbe) {}

  /** Throws an Error whose `code` is the errno name when the kernel refuses. */
  static open(host: string, port: number, mode: PmtuDiscovery): UdpProbe {
    const { UdpProbe: Native } = loadProbeio();
    return new UdpProbe(new Native(host, port, mode));
  }

  /** One datagram: bytes sent, or -errno (-EMSGSIZE when the kernel knows it does not fit). */
  send(payload: Buffer): number {
    return this.h.send(payload);
  }

  /** Blocks up to `ms` for the next event; wait(0) only looks. */
  wait(ms: number): ProbeEvent {
    return this.h.wait(Math.max(0, Math.round(ms)));
  }

  /** IP_MTU: the path MTU the kernel knows toward the peer (the device MTU if it learned none), or -errno. */
  mtu(): number {
    return this.h.mtu();
  }

  /** The socket's own IPv4 address. */
  localAddress(): string {
    return this.h.local();
  }

  close(): void {
    this.h.close();
  }
  [Symbol.dispose](): void {
    this.close();
  }
}

/** TCP_INFO of a TCP socket's file descriptor; throws when it is not one. */
export function tcpInfo(fd: number): TcpInfo {
  return loadProbeio().tcpInfo(fd);
}
