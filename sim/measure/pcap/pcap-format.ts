// Classic libpcap file format constants (pcap-savefile(5), and the
// tcpdump.org link-layer header types list).

export const PCAP_MAGIC_USEC = 0xa1b2c3d4;
export const PCAP_MAGIC_NSEC = 0xa1b23c4d;
export const PCAP_GLOBAL_HEADER = 24;
export const PCAP_RECORD_HEADER = 16;

export const LINKTYPE = {
  NULL: 0, // BSD loopback: 4-byte AF_ value in the writer's byte order
  ETHERNET: 1,
  RAW_OPENBSD: 12, // DLT_RAW on some systems: raw IP
  RAW_BSDOS: 14, // DLT_RAW on BSD/OS: raw IP
  RAW: 101,
  LOOP: 108, // OpenBSD loopback: 4-byte AF_ value, network byte order
  LINUX_SLL: 113,
  LINUX_SLL2: 276, // tcpdump -i any on libpcap >= 1.10 (Debian bookworm)
} as const;

export interface PcapHeader {
  readonly littleEndian: boolean;
  /** Timestamps' sub-second field is nanoseconds (magic 0xa1b23c4d), else microseconds. */
  readonly nanoseconds: boolean;
  readonly versionMajor: number;
  readonly versionMinor: number;
  readonly snaplen: number;
  readonly linktype: number;
}

export interface PcapRecord {
  /** Seconds since the epoch. */
  readonly tsSec: number;
  /** Microseconds or nanoseconds, per the header. */
  readonly tsFrac: number;
  readonly caplen: number;
  readonly origlen: number;
  readonly data: Uint8Array;
  /** Byte offset of the record header in the file, for messages. */
  readonly offset: number;
}

export interface PcapFile {
  readonly header: PcapHeader;
  readonly records: readonly PcapRecord[];
}

/** A file that is not a readable pcap; `offset` is where it went wrong. */
export class PcapError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.name = 'PcapError';
    this.offset = offset;
  }
}
