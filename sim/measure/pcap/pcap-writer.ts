// Writes classic pcap files of raw IP packets (LINKTYPE_RAW, 101): what the
// golden fixtures are and what `tcpdump -nr` reads back.
import { LINKTYPE, PCAP_GLOBAL_HEADER, PCAP_MAGIC_USEC, PCAP_RECORD_HEADER } from './pcap-format';

export interface PacketToWrite {
  readonly data: Uint8Array;
  readonly tsSec?: number;
  readonly tsUsec?: number;
}

export interface WriteOptions {
  readonly snaplen?: number;
  /** Timestamp of the first packet when packets carry none; later ones add 1 ms each. */
  readonly startSec?: number;
}

/** A little-endian, microsecond pcap of `packets` (raw IPv4 or IPv6). */
export function writeRawPcap(packets: readonly (Uint8Array | PacketToWrite)[], opts: WriteOptions = {}): Uint8Array {
  const items = packets.map((p) => (p instanceof Uint8Array ? { data: p } : p));
  const size = PCAP_GLOBAL_HEADER + items.reduce((n, p) => n + PCAP_RECORD_HEADER + p.data.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, PCAP_MAGIC_USEC, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  // thiszone and sigfigs stay 0 (pcap-savefile(5)).
  dv.setUint32(16, opts.snaplen ?? 65535, true);
  dv.setUint32(20, LINKTYPE.RAW, true);
  let off = PCAP_GLOBAL_HEADER;
  const start = opts.startSec ?? 1262304000; // 2010-01-01, the paper's experiment
  items.forEach((p, i) => {
    const usec = p.tsUsec ?? (i * 1000) % 1e6;
    const sec = p.tsSec ?? start + Math.floor((i * 1000) / 1e6);
    dv.setUint32(off, sec, true);
    dv.setUint32(off + 4, usec, true);
    dv.setUint32(off + 8, p.data.length, true);
    dv.setUint32(off + 12, p.data.length, true);
    out.set(p.data, off + PCAP_RECORD_HEADER);
    off += PCAP_RECORD_HEADER + p.data.length;
  });
  return out;
}
