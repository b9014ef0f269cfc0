// The SMAP's half of tunnel PMTU discovery (paper IV-D; docs/mtu.md): the
// tunnel MTU follows the path to the PRR down. A Packet Too Big about a
// tunnel packet, or the SMAP's own link shrinking (its first hop), lowers
// the TUN device's MTU; the kernel then answers the LAN's DF packets with
// ICMP "fragmentation needed" itself, as it would for any narrower link.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { bytesEqual } from '../codec/result';
import { TUNNEL_OVERHEAD, tunnelMtuFor, type PacketTooBig } from '../core/pmtu';

export interface SmapPmtud {
  onPacketTooBig(ptb: PacketTooBig): void;
  /** The tunnel MTU now, and how many times it was lowered. */
  status(): { tunnelMtu: number; lowered: number };
  close(): void;
}

const readMtu = (dev: string): number | undefined => {
  try {
    const n = Number(readFileSync(`/sys/class/net/${dev}/mtu`, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
};

export function startSmapPmtud(o: {
  tun: string;
  wan: string;
  prr: Uint8Array;
  log: (line: string) => void;
  /** The status changed (the tunnel MTU was lowered), perhaps without a packet. */
  changed?: () => void;
}): SmapPmtud {
  let mtu = readMtu(o.tun) ?? 1400;
  let lowered = 0;
  const lower = (to: number, why: string) => {
    if (to >= mtu) return;
    o.log(`tunnel MTU ${mtu} -> ${to}: ${why}`);
    mtu = to;
    lowered++;
    o.changed?.();
    execFile('ip', ['link', 'set', 'dev', o.tun, 'mtu', String(to)], (err) => {
      if (err) o.log(`cannot set the MTU of ${o.tun}: ${err.message}`);
    });
  };
  const checkLink = () => {
    const wan = readMtu(o.wan);
    if (wan !== undefined) lower(wan - TUNNEL_OVERHEAD, `${o.wan} MTU is ${wan}`);
  };
  checkLink();
  // A link's MTU can change while traffic flows (a scenario event): look once a second.
  const timer = setInterval(checkLink, 1000);
  timer.unref();
  return {
    onPacketTooBig(ptb) {
      if (bytesEqual(ptb.dst, o.prr)) lower(tunnelMtuFor(ptb.mtu), `Packet Too Big, path MTU ${ptb.mtu}`);
    },
    status: () => ({ tunnelMtu: mtu, lowered }),
    close: () => clearInterval(timer),
  };
}
