// Counts the ICMP that matters for MTU in a capture (the project's own pcap
// reader): ICMPv4 "fragmentation needed" (type 3 code 4, RFC 1191) and
// ICMPv6 Packet Too Big (type 2, RFC 4443), each once per packet.
import { readPcap } from './pcap/pcap-reader';
import { ipPacketOf } from './pcap/link-layer';

export interface IcmpCounts {
  readonly fragNeeded: number;
  readonly packetTooBig: number;
}

const PROTO_ICMP = 1;
const NEXT_HEADER_ICMPV6 = 58;

/** What one IP packet is, for the counts; ICMPv6 behind extension headers is not looked for (nothing here sends it). */
export function mtuIcmpKind(ip: Uint8Array): keyof IcmpCounts | undefined {
  const v = ip[0]! >> 4;
  if (v === 4 && ip.length >= 20) {
    const ihl = (ip[0]! & 0x0f) * 4;
    if (ip[9] === PROTO_ICMP && ip.length >= ihl + 2 && ip[ihl] === 3 && ip[ihl + 1] === 4) return 'fragNeeded';
  }
  if (v === 6 && ip.length >= 42 && ip[6] === NEXT_HEADER_ICMPV6 && ip[40] === 2) return 'packetTooBig';
  return undefined;
}

/** Counts in a pcap file's bytes; a record that is not IP is skipped. Throws PcapError for a file that is not pcap. */
export function countMtuIcmp(pcap: Uint8Array): IcmpCounts {
  const f = readPcap(pcap);
  const counts = { fragNeeded: 0, packetTooBig: 0 };
  for (const r of f.records) {
    const ip = ipPacketOf(f.header.linktype, r.data, f.header.littleEndian);
    if (!ip.ok) continue;
    const k = mtuIcmpKind(ip.packet);
    if (k) counts[k]++;
  }
  return counts;
}
