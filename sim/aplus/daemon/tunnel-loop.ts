// The user-space tunnel end shared by the PRR and SMAP daemons: packets from
// the TUN device (IPv4) go through `up` and out of the raw IPv6 socket;
// payloads from the raw socket go through `down` and into the TUN. The cores
// decide; this file only moves bytes, counts send failures and logs each new
// kind of drop once.
import type { Counters } from '../core/counters';
import { loadTunio, RawIp6Socket, sourceAt, TunDevice, type AddonDrops } from '../io/tunio';
import type { Drop, Reply } from '../core/verdict';
import { parsePacketTooBig, type PacketTooBig } from '../core/pmtu';
import { CountersFile, type CountersOwner } from './counters-file';
import { kernelDropsReader } from './kernel-drops';
import { addonDropsInto } from './addon-drops';

export type TunVerdict = { kind: 'encap'; dst: Uint8Array; inner: Uint8Array } | Reply | Drop;
export type RawVerdict = { kind: 'deliver' | 'forward'; packet: Uint8Array } | Drop;

export interface TunnelLoopOptions {
  readonly name: string; // for logs: "prr", "smap room1"
  readonly tun: string;
  readonly bind: string;
  readonly counters: Counters;
  readonly countersFile: string;
  /** Whose counters they are: the PRR's file names each per-SMAP entry. */
  readonly owner: CountersOwner;
  readonly up: (ipv4: Uint8Array) => TunVerdict;
  readonly down: (src: Uint8Array, inner: Uint8Array) => RawVerdict;
  readonly log?: (line: string) => void;
  /** Tunnel PMTU discovery: given, ICMPv6 Packet Too Big about our tunnel packets is read from a raw ICMPv6 socket and handed here. */
  readonly onPacketTooBig?: (ptb: PacketTooBig) => void;
  /** TUN checksum and TSO offload (default on); off only to measure what it brings. */
  readonly offload?: boolean;
  /** More state for the counters file (the MTUs PMTU discovery learned). */
  readonly status?: () => Record<string, unknown>;
}

export interface TunnelLoop {
  /** Something the counters file shows changed without a packet (a kernel counter, the status): write it soon. */
  touch(): void;
  close(): void;
}

export function startTunnelLoop(o: TunnelLoopOptions): TunnelLoop {
  const log = o.log ?? ((l: string) => process.stdout.write(`${new Date().toISOString()} ${o.name}: ${l}\n`));
  const tun = TunDevice.open(o.tun, { offload: o.offload ?? true });
  // 16 MiB of receive queue: room for the first windows of hundreds of TCP
  // connections answering at once (a torrent swarm), not just a steady flow.
  const raw = RawIp6Socket.open({ protocol: 4, bind: o.bind, rcvbuf: 16 << 20 });
  // The kernel hands every ICMPv6 message to raw ICMPv6 sockets too (after its
  // own processing, which updates its route cache): only Packet Too Big about
  // a tunnel packet is kept.
  const icmp6 = o.onPacketTooBig ? RawIp6Socket.open({ protocol: 58, bind: o.bind, rcvbuf: 256 << 10 }) : undefined;
  icmp6?.onPackets((msgs) => {
    for (const m of msgs) {
      const ptb = parsePacketTooBig(m);
      if (ptb) o.onPacketTooBig!(ptb);
    }
    file.touch();
  });
  const file = new CountersFile(o.countersFile, o.counters, o.owner, kernelDropsReader(o.tun, raw.fd), o.status);
  const dropped = (v: Drop) => {
    if (v.first) log(`first drop of kind ${v.reason}: ${v.detail} (counted from now on, logged once)`);
  };
  const sendFailed = (what: string, rc: number) => {
    if (o.counters.countDrop('send-failed')) log(`first send failure (${what}: ${rc < 0 ? `errno ${-rc}` : 'some packets of a batch refused'}); counted from now on`);
  };
  // A batch call tried every packet and `done` of `total` went (-errno: none): each one left was refused.
  const countShort = (what: string, done: number, total: number) => {
    for (let i = Math.max(0, done); i < total; i++) sendFailed(what, done);
  };
  // What the addon dropped before the cores saw it, under its own reasons.
  const addonDrops = addonDropsInto(o.counters);
  const onAddonDrops = (handle: 'tun' | 'raw') => (drops: AddonDrops) => {
    for (const reason of addonDrops.update(handle, drops)) log(`first drop of kind ${reason} in the addon (${handle}): counted from now on, logged once`);
    file.touch();
  };
  tun.onDrops(onAddonDrops('tun'));
  raw.onDrops(onAddonDrops('raw'));

  // Up: a TUN batch becomes one sendmmsg of its encapsulated packets (a batch
  // may hold more than the addon's batch size when TCP bursts were cut).
  let dsts = Buffer.alloc(16 * loadTunio().batchSize);
  tun.onPackets((packets) => {
    if (dsts.length < 16 * packets.length) dsts = Buffer.alloc(16 * packets.length);
    const out: Uint8Array[] = [];
    for (const p of packets) {
      const v = o.up(p);
      if (v.kind === 'drop') dropped(v);
      else if (v.kind === 'reply') {
        dropped(v.dropped);
        const rc = tun.write(v.packet);
        if (rc < 0) sendFailed('tun write', rc);
      } else {
        dsts.set(v.dst, out.length * 16);
        out.push(v.inner);
      }
    }
    countShort('raw sendmmsg', raw.sendMany(dsts, out), out.length);
    file.touch();
  });
  // Down: what a raw batch delivers goes into the TUN in one call, so that
  // the addon can join TCP segments of one flow into one write.
  raw.onPackets((packets, sources) => {
    const out: Uint8Array[] = [];
    for (let i = 0; i < packets.length; i++) {
      const v = o.down(sourceAt(sources, i), packets[i]!);
      if (v.kind === 'drop') dropped(v);
      else out.push(v.packet);
    }
    countShort('tun write', tun.writeMany(out), out.length);
    file.touch();
  });
  file.start();
  log(`up: tun ${o.tun} (${tun.offload ? 'checksum and TSO offload' : 'no offload'}), raw IPv6 socket (next header 4) on ${o.bind}`);
  return {
    touch: () => file.touch(),
    close() {
      tun.close();
      raw.close();
      icmp6?.close();
      file.stop();
    },
  };
}
