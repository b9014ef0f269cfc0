// Reads a classic pcap file, either byte order, micro- or nanosecond
// timestamps. A file that is not well-formed throws PcapError with the byte
// offset: capture files are our own test artefacts, not network input.
import {
  PCAP_GLOBAL_HEADER,
  PCAP_MAGIC_NSEC,
  PCAP_MAGIC_USEC,
  PCAP_RECORD_HEADER,
  PcapError,
  type PcapFile,
  type PcapHeader,
  type PcapRecord,
} from './pcap-format';

/** Largest record we accept whatever the snaplen says (libpcap's own cap). */
const MAX_CAPLEN = 262144;

export function readPcapHeader(bytes: Uint8Array): PcapHeader {
  if (bytes.length < PCAP_GLOBAL_HEADER) {
    throw new PcapError(`file of ${bytes.length} bytes is shorter than the 24-byte pcap header`, 0);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const be = dv.getUint32(0, false);
  const le = dv.getUint32(0, true);
  let littleEndian: boolean;
  let nanoseconds: boolean;
  if (be === PCAP_MAGIC_USEC || be === PCAP_MAGIC_NSEC) {
    littleEndian = false;
    nanoseconds = be === PCAP_MAGIC_NSEC;
  } else if (le === PCAP_MAGIC_USEC || le === PCAP_MAGIC_NSEC) {
    littleEndian = true;
    nanoseconds = le === PCAP_MAGIC_NSEC;
  } else if (be === 0x0a0d0d0a) {
    throw new PcapError('this is a pcapng file; write classic pcap (tcpdump -w does by default, or editcap -F pcap)', 0);
  } else {
    throw new PcapError(`bad magic 0x${be.toString(16).padStart(8, '0')}, not a pcap file`, 0);
  }
  const versionMajor = dv.getUint16(4, littleEndian);
  if (versionMajor !== 2) throw new PcapError(`unsupported pcap version ${versionMajor}`, 4);
  return {
    littleEndian,
    nanoseconds,
    versionMajor,
    versionMinor: dv.getUint16(6, littleEndian),
    snaplen: dv.getUint32(16, littleEndian),
    // The upper bits may hold an FCS length (pcap-savefile(5)); the type is the low 16.
    linktype: dv.getUint32(20, littleEndian) & 0xffff,
  };
}

export function readPcap(bytes: Uint8Array): PcapFile {
  const header = readPcapHeader(bytes);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = header.littleEndian;
  const limit = Math.max(header.snaplen, MAX_CAPLEN);
  const records: PcapRecord[] = [];
  let off = PCAP_GLOBAL_HEADER;
  while (off < bytes.length) {
    if (off + PCAP_RECORD_HEADER > bytes.length) {
      throw new PcapError(`record ${records.length + 1}: truncated record header (${bytes.length - off} of 16 bytes)`, off);
    }
    const tsSec = dv.getUint32(off, le);
    const tsFrac = dv.getUint32(off + 4, le);
    const caplen = dv.getUint32(off + 8, le);
    const origlen = dv.getUint32(off + 12, le);
    if (tsFrac >= (header.nanoseconds ? 1e9 : 1e6)) {
      throw new PcapError(`record ${records.length + 1}: sub-second timestamp ${tsFrac} out of range`, off + 4);
    }
    if (caplen > limit) throw new PcapError(`record ${records.length + 1}: caplen ${caplen} exceeds ${limit}`, off + 8);
    const start = off + PCAP_RECORD_HEADER;
    if (start + caplen > bytes.length) {
      throw new PcapError(`record ${records.length + 1}: caplen ${caplen} but only ${bytes.length - start} bytes left`, off);
    }
    records.push({ tsSec, tsFrac, caplen, origlen, data: bytes.subarray(start, start + caplen), offset: off });
    off = start + caplen;
  }
  return { header, records };
}
