// MTU probes run from client containers (docs/probes.md, docs/mtu.md): the
// probe program's parts, and the probe echo the emulated Internet serves.
export { PROBE_ECHO_PORT, startProbeEcho, type ProbeEcho } from './probe-echo';
export {
  parseProbeArgs,
  ProbeInputError,
  PROBE_USAGE,
  PROBE_DEFAULTS,
  DEFAULT_TCP_PORT,
  type ProbeOptions,
  type ProbeKind,
  type PmtuOptions,
  type UdpDfOptions,
  type TcpBulkOptions,
} from './probe-args';
export { runProbe } from './run-probe';
export { probeRecord, formatProbe, type ProbeFindings } from './probe-record';
export { searchLargest, type SearchResult, type SearchStep } from './path-mtu-search';
export { StallWatch } from './stall-watch';
export { encodeProbe, decodeProbe, echoReply, parseReply, arrivedWhole, IP_UDP_HEADERS, MIN_IPV4_MTU, MAX_IPV4_PACKET, type ProbeHeader, type EchoedProbe } from './probe-wire';
export { UdpProbe, tcpInfo, loadProbeio, probeioCandidates, errnoName, type PmtuDiscovery, type ProbeEvent, type TcpInfo } from './probe-io';
