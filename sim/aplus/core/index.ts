// PRR and SMAP cores: pure functions on bytes and plain data, no I/O. The
// daemons wrap them around a TUN device and a raw IPv6 socket.
export {
  compileRangeTable,
  DEFAULT_TUNNEL_MTU,
  describeRangeTable,
  MIN_SMAP_PORT,
  MIN_TUNNEL_MTU,
  RangeTableError,
  type RangeTable,
  type RangeTableInput,
  type SmapEntry,
  type SmapSpec,
} from './range-table';
export { PMTUD_POLICY, SEED_POLICY, type FragmentPolicy, type IcmpPolicy, type Policy, type TooBigPolicy } from './policy';
export { Counters, DROP_REASONS, isWithheldReply, WITHHELD_REPLIES, type CountersJson, type DropReason, type Flow, type SmapCounters, type WithheldReply } from './counters';
export { DEFAULT_ICMP_LIMIT, TokenBucket, type TokenBucketSpec } from './token-bucket';
export { icmpErrorWithheld, notAUniqueHost, type IcmpWithheld } from './icmp-error-guard';
export { LearnedMtus } from './pmtu';
export type {
  Deliver,
  Drop,
  Encap,
  Forward,
  PrrDownstreamVerdict,
  PrrEncap,
  PrrUpstreamVerdict,
  SmapDownstreamVerdict,
  SmapUpstreamVerdict,
} from './verdict';
export { prrDownstream, prrUpstream, type PrrPmtu } from './prr-core';
export { smapConfig, smapDownstream, smapUpstream, type SmapConfig } from './smap-core';
export { ConfigError } from './config-error';
export {
  DEFAULT_PSID_OFFSET,
  formatPortSet,
  inPortSet,
  isPsidSet,
  MAX_PSID_OFFSET,
  parsePortSet,
  portSetBlocks,
  portSetSize,
  psidOf,
  psidProblem,
  type PortRange,
  type PortSet,
  type Psid,
  type PsidProblem,
} from './port-set';
export { PortOwners, type Clash } from './port-owners';
export { mapEndUserPrefix, type MappedCe, type MappingRule } from './map-rule';
export {
  formatPaperConfig,
  paperConfigToRangeTableInput,
  parsePaperConfig,
  type CpeConfig,
  type PaperConfig,
} from './paper-config';
