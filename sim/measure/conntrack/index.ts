// Conntrack dumps: parsing both formats, and the shared-address ports in use.
export type { ConntrackEntry, ConntrackTuple, ConntrackParse, SkippedLine } from './conntrack-entry';
export { parseConntrack, parseConntrackLine } from './parse-conntrack';
export { portsInUse, maxPortsInUse, mappedPort, type SmapPortSpace, type MappedPort, type PortsInUse } from './ports-in-use';
export { parseConntrackStats, type NatFailures } from './nat-failures';
