// Packet codec: IPv4, IPv6, TCP, UDP, ICMPv4, ICMPv6 headers, checksums and
// address text forms. Node built-ins only: bundled into the daemons.
export { bytesEqual, fail, ok, type Parsed, type ParseReason } from './result';
export {
  finish,
  internetChecksum,
  pseudoHeaderFamily,
  pseudoHeaderSum,
  sumWords,
  upperLayerChecksum,
  type PseudoHeader,
} from './checksum';
export {
  ipv4FromText,
  ipv4FromUint32,
  ipv4ToText,
  ipv4ToUint32,
  ipv6FromText,
  ipv6ToText,
} from './address';
export {
  buildIpv4,
  IPV4_MIN_HEADER,
  isFirstFragment,
  isFragment,
  parseIpv4,
  type Ipv4Header,
  type Ipv4Packet,
  type Ipv4ParseOptions,
  type Ipv4Spec,
} from './ipv4';
export {
  buildIpv6,
  IPV6_HEADER,
  NEXT_HEADER,
  parseIpv6,
  type Ipv6Fragment,
  type Ipv6Header,
  type Ipv6Packet,
  type Ipv6Spec,
} from './ipv6';
export { buildTcp, parseTcp, PROTO_TCP, TCP_FLAGS, TCP_MIN_HEADER, type TcpHeader, type TcpSegment, type TcpSpec } from './tcp';
export { buildUdp, parseUdp, PROTO_UDP, UDP_HEADER, type UdpDatagram, type UdpHeader, type UdpSpec } from './udp';
export {
  buildIcmpv4,
  buildIcmpv6,
  echoRest,
  ICMP_HEADER,
  ICMPV4_CODE_FRAG_NEEDED,
  ICMPV4_TYPE,
  ICMPV6_TYPE,
  isIcmpv4Error,
  parseIcmpv4,
  parseIcmpv6,
  PROTO_ICMP,
  PROTO_ICMPV6,
  type IcmpMessage,
  type IcmpSpec,
} from './icmp';
export { ipv4Ports, isPortProtocol, portsOf, type Ports } from './ports';
