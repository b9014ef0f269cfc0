// Typed wrapper over the tunio N-API addon (native/tunio.c): a TUN device and
// a raw AF_INET6 socket, the two ends of a user-space IPv4-in-IPv6 tunnel
// (next header 4, RFC 2473 without the tunnel options). See docs/native-io.md.
// Only Node built-ins: it is bundled into the PRR and SMAP daemons.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../../model/errors';
import { ADDONS } from '../../kinds/paths';

/** TUN batch: IPv4 packets read in one wakeup (at most `batchSize` reads;
 * more packets when TCP bursts were cut into segments). Views into a buffer
 * the next wakeup reuses: valid until the handler returns. */
export type TunBatchHandler = (packets: Uint8Array[]) => void;
/** Raw batch: payloads (the inner IPv4 packets, no IPv6 header) and their IPv6
 * sources packed in one Buffer, packet i's source at bytes 16*i..16*i+16.
 * Valid until the handler returns, as for TUN batches. */
export type Ip6BatchHandler = (packets: Uint8Array[], sources: Buffer) => void;

/** Packets the addon dropped itself since the handle opened, by reason
 * (native/tunio.c): none of them reached a core. */
export interface AddonDrops {
  /** TUN reads shorter than their virtio_net_hdr: no packet at all. */
  readonly shortReads: number;
  /** Packets whose partial checksum has offsets outside them: it cannot be
   * finished, and a packet with a partial checksum must not go on. */
  readonly badCsumOffsets: number;
  /** Packets of a wakeup whose Buffers for JavaScript could not be made. */
  readonly noBuffer: number;
}
export type AddonDropsHandler = (drops: AddonDrops) => void;

/** What the addon hands over per wakeup: `count` packets end to end in `data`,
 * their lengths as host-order uint32s in `lens` (and raw sockets' sources),
 * and the handle's drops so far, summed. The same three Buffers come back on
 * every wakeup, longer than what they hold: the packets are valid until the
 * callback returns. A wakeup that only dropped packets has count 0 (and
 * perhaps no Buffers). */
type NativeBatch = (data: Buffer | undefined, lens: Buffer | undefined, count: number, sources: Buffer | undefined, dropped: number) => void;
interface NativeHandle {
  readonly fd: number;
  start(cb: NativeBatch): void;
  drops(): AddonDrops;
  close(): void;
}
// The addon takes any Uint8Array where it says Buffer (napi_get_buffer_info
// accepts every ArrayBufferView).
interface NativeTun extends NativeHandle {
  readonly name: string;
  readonly offload: boolean;
  write(packet: Uint8Array): number;
  writeMany(packets: readonly Uint8Array[]): number;
}
interface NativeRawIp6 extends NativeHandle {
  sendTo(dst: Uint8Array, payload: Uint8Array): number;
  sendMany(dsts: Uint8Array, payloads: readonly Uint8Array[]): number;
}
interface TunioAddon {
  readonly Tun: new (name: string, mtu: number, offload: boolean) => NativeTun;
  readonly RawIp6: new (protocol: number, bind: Buffer | null, rcvbuf: number) => NativeRawIp6;
  parseIp6(text: string): Buffer | null;
  readonly batchSize: number;
  /** Packets of a named nftables counter, or -errno (-ENOENT: no such counter). */
  nftCounter(family: 'ip' | 'ip6' | 'inet', table: string, name: string): number;
  /** For tests of native/offload.c only. */
  offloadSegment(pkt: Buffer, gsoSize: number): Buffer[] | null;
  offloadJoin(segments: Buffer[]): { packet: Buffer; gsoSize: number } | null;
  /** What a TUN read (virtio_net_hdr + packet) gives JavaScript, as read_tun judges it. */
  offloadRead(read: Buffer): { verdict: 'whole' | 'segments' | 'short' | 'bad-csum-offset'; packets: Buffer[] };
}

/** Where the addon may be: $APLUS_TUNIO, the repo's build, the images' copy. */
export function addonCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  if (env.APLUS_TUNIO) out.push(env.APLUS_TUNIO);
  if (typeof import.meta.url === 'string') {
    out.push(fileURLToPath(new URL('../../../build/Release/tunio.node', import.meta.url)));
  }
  out.push(ADDONS.tunio);
  return out;
}

let addon: TunioAddon | undefined;

/** Loads the addon once, on first use, so importing this file never fails. */
export function loadTunio(): TunioAddon {
  if (addon) return addon;
  const tried = addonCandidates();
  const path = tried.find((p) => existsSync(p));
  if (!path) {
    throw new EnvironmentError(`tunio.node not found (looked in ${tried.join(', ')})`, {
      hint: 'run `npm ci` to build it, or set APLUS_TUNIO to its path',
    });
  }
  const require = createRequire(typeof import.meta.url === 'string' ? import.meta.url : `${process.cwd()}/`);
  try {
    addon = require(path) as TunioAddon;
  } catch (cause) {
    throw new EnvironmentError(`cannot load ${path}`, { cause, hint: 'rebuild it with `npm rebuild`' });
  }
  return addon;
}

/**
 * The `n` packets of one wakeup, as plain Uint8Array views into its one Buffer
 * (no copies). Plain views on purpose: `subarray` of a Buffer looks up its
 * species constructor every time: parsing an IPv4 header took 480 ns on a Buffer
 * view against 350 ns on a plain one. The addon reuses the Buffer on its next
 * wakeup: a handler that keeps a packet past its return must copy it.
 */
export function splitBatch(data: Buffer, lens: Buffer, n = lens.length >>> 2): Uint8Array[] {
  // The addon's Buffers start their own ArrayBuffer, so the lengths are aligned.
  const sizes = lens.byteOffset % 4 === 0 ? new Uint32Array(lens.buffer, lens.byteOffset, n) : new Uint32Array(new Uint8Array(lens).buffer);
  const out = new Array<Uint8Array>(n);
  let at = data.byteOffset;
  for (let i = 0; i < n; i++) {
    const len = sizes[i]!;
    out[i] = new Uint8Array(data.buffer, at, len);
    at += len;
  }
  return out;
}

/** Starts a handle: batches to `onBatch` (never empty), and the drop counts to
 * `onDrops()` whenever a wakeup dropped packets in the addon. */
function startBatches(
  h: NativeHandle,
  onBatch: (packets: Uint8Array[], sources: Buffer | undefined) => void,
  onDrops: () => AddonDropsHandler | undefined,
): void {
  let seen = 0;
  h.start((data, lens, count, sources, dropped) => {
    if (dropped !== seen) {
      seen = dropped;
      onDrops()?.(h.drops());
    }
    if (count > 0 && data && lens) onBatch(splitBatch(data, lens, count), sources);
  });
}

/** 16 bytes of an IPv6 address in text form; throws a TypeError for bad text. */
export function ip6Bytes(text: string): Buffer {
  const b = loadTunio().parseIp6(text);
  if (!b) throw new TypeError(`not an IPv6 address: ${JSON.stringify(text)}`);
  return b;
}

/** The source of packet i in a raw batch's `sources` (a view, no copy). */
export function sourceAt(sources: Buffer, i: number): Buffer {
  return sources.subarray(16 * i, 16 * i + 16);
}

/** A TUN device (IFF_TUN | IFF_NO_PI: bare IPv4 packets), up once opened.
 * It goes away with close(): nothing is left behind in the namespace.
 * With offload (the default) the kernel may hand over and take whole TCP
 * bursts: the addon cuts them into segments and joins runs of segments
 * back, so callers still see one IPv4 packet per Buffer. */
export class TunDevice implements Disposable {
  private dropsHandler: AddonDropsHandler | undefined;
  private constructor(private readonly h: NativeTun) {}

  /** Opens or creates `name`; `mtu` set when given. Throws an Error with
   * `code` = errno name (EPERM, ENOENT...) when the kernel refuses. */
  static open(name: string, opts: { mtu?: number; offload?: boolean } = {}): TunDevice {
    const { Tun } = loadTunio();
    return new TunDevice(new Tun(name, opts.mtu ?? 0, opts.offload ?? true));
  }

  /** Whether the device carries a virtio_net_hdr with checksum and TSO offload. */
  get offload(): boolean { return this.h.offload; }

  get name(): string { return this.h.name; }
  get fd(): number { return this.h.fd; }

  /** Starts reading; `cb` gets each batch, valid until it returns (copy a
   * packet to keep it). Calling again replaces `cb`. */
  onPackets(cb: TunBatchHandler): this {
    startBatches(this.h, (packets) => cb(packets), () => this.dropsHandler);
    return this;
  }

  /** `cb` gets the addon's drop counts after each wakeup that dropped a
   * packet (a short read, a checksum it could not finish, no Buffer). */
  onDrops(cb: AddonDropsHandler): this {
    this.dropsHandler = cb;
    return this;
  }

  /** What the addon dropped on this device so far. */
  drops(): AddonDrops { return this.h.drops(); }

  /** Writes one IPv4 packet to the kernel: bytes written, or -errno
   * (e.g. -EAGAIN, -EINVAL); the caller counts negatives as drops. */
  write(packet: Uint8Array): number {
    return this.h.write(packet);
  }

  /** Writes IPv4 packets, runs of segments of one TCP flow joined into one
   * write: the number of packets written, or -errno when none was. */
  writeMany(packets: readonly Uint8Array[]): number {
    return packets.length === 0 ? 0 : this.h.writeMany(packets);
  }

  /** Stops reading and closes the device; idempotent. */
  close(): void { this.h.close(); }
  [Symbol.dispose](): void { this.close(); }
}

export interface RawIp6Options {
  /** IPv6 next header to send and receive; 4 is IPv4-in-IPv6. */
  readonly protocol?: number;
  /** Local IPv6 address to bind: only packets to it are received. */
  readonly bind?: string;
  /** SO_RCVBUF in bytes (SO_RCVBUFFORCE when root); default 4 MiB. */
  readonly rcvbuf?: number;
}

/** A raw AF_INET6 socket: send gives the kernel a payload and a destination,
 * and it builds the IPv6 header; receive gives payloads without it. */
export class RawIp6Socket implements Disposable {
  private readonly dsts = new Map<string, Buffer>();
  private dropsHandler: AddonDropsHandler | undefined;
  private constructor(private readonly h: NativeRawIp6) {}

  static open(opts: RawIp6Options = {}): RawIp6Socket {
    const { RawIp6 } = loadTunio();
    const bind = opts.bind === undefined ? null : ip6Bytes(opts.bind);
    return new RawIp6Socket(new RawIp6(opts.protocol ?? 4, bind, opts.rcvbuf ?? 4 << 20));
  }

  get fd(): number { return this.h.fd; }

  /** Starts receiving; `cb` gets each batch, valid until it returns (copy a
   * packet or source to keep it). Calling again replaces `cb`. */
  onPackets(cb: Ip6BatchHandler): this {
    startBatches(this.h, (packets, sources) => cb(packets, sources!), () => this.dropsHandler);
    return this;
  }

  /** `cb` gets the addon's drop counts after each wakeup that dropped a packet (no Buffer). */
  onDrops(cb: AddonDropsHandler): this {
    this.dropsHandler = cb;
    return this;
  }

  /** What the addon dropped on this socket so far. */
  drops(): AddonDrops { return this.h.drops(); }

  /** Sends one payload to `dst`: bytes written, or -errno (-EAGAIN,
   * -ENOBUFS, -EMSGSIZE...); never throws for a full queue. */
  send(dst: Uint8Array | string, payload: Uint8Array): number {
    return this.h.sendTo(typeof dst === 'string' ? this.dst(dst) : dst, payload);
  }

  /** Sends payloads[i] to the 16 bytes at dsts[16*i..] by sendmmsg, each one
   * tried (one the kernel refuses does not stop the rest): the number sent,
   * or -errno of the first refusal when none was. */
  sendMany(dsts: Uint8Array, payloads: readonly Uint8Array[]): number {
    return payloads.length === 0 ? 0 : this.h.sendMany(dsts, payloads);
  }

  private dst(text: string): Buffer {
    let b = this.dsts.get(text);
    if (!b) {
      if (this.dsts.size >= 1024) this.dsts.clear();
      b = ip6Bytes(text);
      this.dsts.set(text, b);
    }
    return b;
  }

  /** Stops receiving and closes the socket; idempotent. */
  close(): void { this.h.close(); }
  [Symbol.dispose](): void { this.close(); }
}
