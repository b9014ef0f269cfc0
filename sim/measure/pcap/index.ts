// Classic pcap: read any capture the testbed makes, write raw-IP captures.
export {
  LINKTYPE,
  PCAP_GLOBAL_HEADER,
  PCAP_MAGIC_NSEC,
  PCAP_MAGIC_USEC,
  PCAP_RECORD_HEADER,
  PcapError,
  type PcapFile,
  type PcapHeader,
  type PcapRecord,
} from './pcap-format';
export { readPcap, readPcapHeader } from './pcap-reader';
export { ipPacketOf, type IpOfRecord } from './link-layer';
export { writeRawPcap, type PacketToWrite, type WriteOptions } from './pcap-writer';
