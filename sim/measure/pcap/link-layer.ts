// Strips a record's link-layer header to reach the IP packet, for the link
// types a Linux testbed meets: raw IP (tun devices), Ethernet (veth/bridges),
// Linux cooked v1/v2 (`tcpdump -i any`), BSD NULL/LOOP.
import { LINKTYPE } from './pcap-format';

export type IpOfRecord =
  | { readonly ok: true; readonly version: 4 | 6; readonly packet: Uint8Array }
  | { readonly ok: false; readonly reason: string };

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];
/** AF_INET6 differs by OS: Linux 10, BSDs 24, FreeBSD 28, macOS 30. */
const AF_INET = 2;
const AF_INET6 = [10, 24, 28, 30];

function byVersion(packet: Uint8Array): IpOfRecord {
  if (packet.length === 0) return { ok: false, reason: 'empty packet' };
  const v = packet[0]! >> 4;
  if (v === 4 || v === 6) return { ok: true, version: v, packet };
  return { ok: false, reason: `IP version nibble ${v}` };
}

function byEthertype(type: number, packet: Uint8Array): IpOfRecord {
  if (type === ETHERTYPE_IPV4) return { ok: true, version: 4, packet };
  if (type === ETHERTYPE_IPV6) return { ok: true, version: 6, packet };
  return { ok: false, reason: `ethertype 0x${type.toString(16).padStart(4, '0')} is not IP` };
}

const u16 = (b: Uint8Array, o: number): number => (b[o]! << 8) | b[o + 1]!;

/** The IP packet inside `data` for `linktype`, or why there is none. */
export function ipPacketOf(linktype: number, data: Uint8Array, littleEndianFile = true): IpOfRecord {
  switch (linktype) {
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_OPENBSD:
    case LINKTYPE.RAW_BSDOS:
      return byVersion(data);
    case LINKTYPE.ETHERNET: {
      let off = 12;
      if (data.length < 14) return { ok: false, reason: `Ethernet header needs 14 bytes, got ${data.length}` };
      let type = u16(data, off);
      while (ETHERTYPE_VLAN.includes(type)) {
        off += 4; // 802.1Q tag: TPID then TCI, then the real type
        if (data.length < off + 2) return { ok: false, reason: 'truncated VLAN tag' };
        type = u16(data, off);
      }
      return byEthertype(type, data.subarray(off + 2));
    }
    case LINKTYPE.LINUX_SLL:
      // packet type, ARPHRD, addr len, 8 address bytes, protocol (16 bytes).
      if (data.length < 16) return { ok: false, reason: `LINUX_SLL header needs 16 bytes, got ${data.length}` };
      return byEthertype(u16(data, 14), data.subarray(16));
    case LINKTYPE.LINUX_SLL2:
      // protocol, reserved, ifindex, ARPHRD, packet type, addr len, 8 address bytes (20 bytes).
      if (data.length < 20) return { ok: false, reason: `LINUX_SLL2 header needs 20 bytes, got ${data.length}` };
      return byEthertype(u16(data, 0), data.subarray(20));
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      if (data.length < 4) return { ok: false, reason: `loopback header needs 4 bytes, got ${data.length}` };
      const dv = new DataView(data.buffer, data.byteOffset, 4);
      // NULL is in the capturing host's order (that of the file); LOOP is network order.
      const af = dv.getUint32(0, linktype === LINKTYPE.NULL ? littleEndianFile : false);
      if (af === AF_INET) return { ok: true, version: 4, packet: data.subarray(4) };
      if (AF_INET6.includes(af)) return { ok: true, version: 6, packet: data.subarray(4) };
      return { ok: false, reason: `address family ${af} is not IP` };
    }
    default:
      return { ok: false, reason: `link type ${linktype} is not supported` };
  }
}
