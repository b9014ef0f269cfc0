// The SMAP (paper III-A, III-C2) as two pure functions. The kernel has
// already SNATed the LAN to its shared address and ports before the packet
// reaches the TUN; the SMAP only carries it to the PRR inside IPv6 and back.
import { bytesEqual } from '../codec/result';
import { ipv4FromText, ipv4ToText, ipv6FromText, ipv6ToText } from '../codec/address';
import { parseIpv4 } from '../codec/ipv4';
import { isPortProtocol, portsOf } from '../codec/ports';
import type { Counters, DropReason } from './counters';
import type { Policy } from './policy';
import { inPortSet, isPsidSet, psidProblem, type PortSet } from './port-set';
import type { Drop, SmapDownstreamVerdict, SmapUpstreamVerdict } from './verdict';

export interface SmapConfig {
  /** The shared IPv4 address, 4 bytes. */
  readonly shared: Uint8Array;
  /** The PRR's IPv6 address, 16 bytes: the only tunnel peer. */
  readonly prr: Uint8Array;
  /** Its ports of the shared address: what its NAT maps to. */
  readonly ports: PortSet;
}

/** Builds a SmapConfig from text addresses and its ports; throws RangeError on bad input (config, not packets). */
export function smapConfig(input: PortSet & { shared: string; prr: string }): SmapConfig {
  const shared = ipv4FromText(input.shared);
  const prr = ipv6FromText(input.prr);
  if (!shared) throw new RangeError(`shared address "${input.shared}" is not IPv4`);
  if (!prr) throw new RangeError(`PRR address "${input.prr}" is not IPv6`);
  if (isPsidSet(input)) {
    const problem = psidProblem(input.psid);
    if (problem) throw new RangeError(`bad PSID ${problem.key}: ${problem.message}`);
    return { shared, prr, ports: { psid: input.psid } };
  }
  if (!(Number.isInteger(input.first) && Number.isInteger(input.last) && input.first <= input.last && input.last <= 65535)) {
    throw new RangeError(`bad port range ${input.first}-${input.last}`);
  }
  return { shared, prr, ports: { first: input.first, last: input.last } };
}

function drop(counters: Counters, reason: DropReason, detail: string): Drop {
  return { kind: 'drop', reason, detail, first: counters.countDrop(reason) };
}

/**
 * A packet read from the SMAP's TUN, to be sent to the PRR. Source ports
 * outside its set are counted but sent anyway: the PRR is the one that enforces.
 * So is TTL 1 (the PRR's kernel would forward it to TTL 0); TTL 0 is never
 * sent into a tunnel (RFC 1812 4.2.2.9).
 */
export function smapUpstream(cfg: SmapConfig, _policy: Policy, counters: Counters, ipv4: Uint8Array): SmapUpstreamVerdict {
  const parsed = parseIpv4(ipv4);
  if (!parsed.ok) return drop(counters, 'malformed', `${parsed.reason}: ${parsed.detail}`);
  const pkt = parsed.value;
  if (pkt.header.ttl === 0) return drop(counters, 'ttl-exceeded', 'TTL 0: never sent on');
  if (isPortProtocol(pkt.header.protocol)) {
    const ports = portsOf(pkt);
    if (ports.ok && !inPortSet(cfg.ports, ports.value.srcPort)) counters.outOfRange++;
  }
  counters.countUpstream(pkt.bytes.length);
  return { kind: 'encap', dst: cfg.prr, inner: pkt.bytes };
}

/** A payload from the raw IPv6 socket: delivered to the LAN only if the PRR sent it. */
export function smapDownstream(
  cfg: SmapConfig,
  _policy: Policy,
  counters: Counters,
  srcV6: Uint8Array,
  inner: Uint8Array,
): SmapDownstreamVerdict {
  if (!bytesEqual(srcV6, cfg.prr)) {
    return drop(counters, 'unknown-peer', `IPv6 source ${srcV6.length === 16 ? ipv6ToText(srcV6) : `(${srcV6.length} bytes)`} is not the PRR`);
  }
  const parsed = parseIpv4(inner);
  if (!parsed.ok) return drop(counters, 'malformed', `${parsed.reason}: ${parsed.detail}`);
  const pkt = parsed.value;
  if (!bytesEqual(pkt.header.dst, cfg.shared)) {
    return drop(counters, 'not-shared', `destination ${ipv4ToText(pkt.header.dst)} is not the shared address`);
  }
  // A PRR never sends TTL 0 (RFC 1812 4.2.2.9). TTL 1 is delivered: the
  // SMAP's kernel takes it, or drops it if it would forward it to the LAN.
  if (pkt.header.ttl === 0) return drop(counters, 'ttl-exceeded', 'TTL 0 from the PRR');
  counters.countDownstream(pkt.bytes.length);
  return { kind: 'deliver', packet: pkt.bytes };
}
