// The concrete topology the runtime builds: every network, node, interface,
// address and route decided, nothing left to Docker's choice.
import type { PortSet } from '../aplus/core/port-set';
import type { Impairment } from '../model/impairment';

export type NetworkKind = 'core' | 'link' | 'lan' | 'internet';
export type Role = 'prr' | 'smap' | 'client' | 'server' | 'router';

export interface PlannedNetwork {
  /** Logical name, unique in the plan: core, link-r1, lan-room1, internet. */
  readonly key: string;
  readonly kind: NetworkKind;
  /** The family the topology uses on it; IPv6 networks carry no IPv4 inside the containers. */
  readonly family: 4 | 6;
  readonly subnet: string;
  /** Reserved on the network (the address a router of the host would take): never a node's. */
  readonly gateway: string;
  readonly mtu: number;
  /** Rate, delay and loss on every port of the network, when the topology asks for them. */
  readonly impair?: Impairment;
  /** The key in the topology file this network comes from, for error messages. */
  readonly origin: ReadonlyArray<string | number>;
}

export interface PlannedInterface {
  readonly network: string;
  /** The name the interface gets inside the container. */
  readonly ifname: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
}

export interface PlannedRoute {
  readonly family: 4 | 6;
  readonly to: string; // a prefix or 'default'
  readonly via: string;
}

export interface SmapRole {
  /** Its ports of its shared address: a range, or an RFC 7597 port set. */
  readonly ports: PortSet;
  readonly lan: string;
  readonly lanAddress: string;
  readonly tunnelMtu: number;
  readonly dhcpMtu?: number;
  /** Tunnel PMTU discovery (docs/mtu.md). */
  readonly pmtud: boolean;
  /** MSS clamping of TCP SYNs through the tunnel: bytes, or the route's MTU. */
  readonly mssClamp?: number | 'pmtu';
  /** The LAN's packets for the shared address go to the PRR (docs/topology.md). */
  readonly hairpin: boolean;
  /** Packets conntrack calls invalid are dropped, counted, before the tunnel. */
  readonly dropInvalid: boolean;
  /** The PRR's ICMP policy: with `translate` the SMAP's NAT maps ICMP echo identifiers into its ports too. */
  readonly icmp: 'drop' | 'translate';
  readonly prrV6: string;
  readonly prrV4: string;
  /** Its shared address: one of the PRR's. */
  readonly shared: string;
  /** The DNS server handed to clients: the first Internet server, else the PRR (as in the paper's script). */
  readonly dns: string;
}

export interface PrrRole {
  readonly ipv4: string;
  readonly ipv6: string;
  /** Its shared addresses, the first one first (the default of every SMAP). */
  readonly shared: readonly string[];
  readonly smaps: ReadonlyArray<{ readonly name: string; readonly ipv6: string; readonly shared: string; readonly ports: PortSet; readonly tunnelMtu: number }>;
  /** Tunnel PMTU discovery toward each SMAP (docs/mtu.md). */
  readonly pmtud: boolean;
  /** IPv6 fragments of tunnel packets: dropped (the paper's PRR) or reassembled. */
  readonly fragments: 'drop' | 'reassemble';
  /** ICMPv4 across the PRR: dropped (the paper's), or translated (docs/dataplane.md). */
  readonly icmp: 'drop' | 'translate';
}

export interface RouterRole {
  /** `drop`: a black-hole router, which drops the Packet Too Big it should send. */
  readonly ptb: 'send' | 'drop';
}


export interface PlannedNode {
  readonly name: string;
  readonly role: Role;
  readonly interfaces: readonly PlannedInterface[];
  readonly routes: readonly PlannedRoute[];
  /** For clients and SMAPs: which SMAP (room) they belong to. */
  readonly smap?: string;
  readonly smapRole?: SmapRole;
  readonly prrRole?: PrrRole;
  readonly routerRole?: RouterRole;
}

export interface Plan {
  readonly name: string;
  readonly networks: readonly PlannedNetwork[];
  readonly nodes: readonly PlannedNode[];
}
