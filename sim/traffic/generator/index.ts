// The traffic generator (docs/traffic.md): plays a scaled profile with real
// sockets and writes one JSON line per flow. generator-main.ts is its
// entry point in client containers; the rest is here for tests and the
// emulated Internet, which speaks the same DNS and TCP protocol.
export { runGenerator, prepareGenerator, GENERATOR_DEFAULTS, type GeneratorOptions, type PreparedGenerator } from './run-generator';
export { GENERATOR_READY, PROBE_READY, startLine, parseStartLine, waitForStart, type StartOrder, type StartWhen } from './start-handshake';
export { parseGeneratorArgs, readScaledProfile, GeneratorInputError, GENERATOR_USAGE, type GeneratorArgs } from './generator-args';
export { planItems, type Plan, type PlannedItem, type DnsItem, type TcpItem, type UdpItem } from './plan-items';
export { FAILURE_REASONS, type FailureReason, type FlowKind, type GeneratedFlow, type GeneratorLine, type Measurement, type RunSummary } from './flow-record';
export { reasonOf } from './failure-reason';
export { encodeQuery, decodeQuery, encodeAnswer, decodeAnswer, RCODE, TYPE_A, type DnsQuestion, type DnsAnswer, type Decoded } from './dns-message';
export { encodeRequest, parseRequest, writeFiller, MAGIC, MAX_HEADER, type Request } from './wire-protocol';
export { seededRandom, shuffled, intBetween, type Random } from './seeded-random';
