// The paper's MTU bug (IV-B), seen in a plan before anything runs: a tunnel
// narrower than the LAN, and nothing to bring the clients' packets down to it.
// A server then sends full-size segments (the clients' MSS comes from their
// 1500 LAN); the PRR drops each DF packet longer than the tunnel (`too-big`)
// and tells nobody, so transfers stall while pings work. Any one of these
// fixes it for TCP: DHCP option 26 at or below the tunnel MTU (clients use it),
// MSS clamping at or below the tunnel's (SYNs carry it), or PMTU discovery at
// the PRR (which answers with ICMP "fragmentation needed"). The SMAP's own
// PMTU discovery does not: it only follows the path between SMAP and PRR.
import type { Plan } from './plan-types';
import { smapMtus, type SmapMtus } from './smap-mtus';

/** IPv4 and TCP headers: an MSS of tunnel MTU less 40 fills the tunnel. */
const TCP_IP_HEADERS = 40;

export interface MtuBugWarning {
  /** The SMAPs carrying it, in plan order, that share these MTUs. */
  readonly smaps: readonly string[];
  readonly tunnelMtu: number;
  readonly lanMtu: number;
}

/** Whether this SMAP's clients are told, one way or another, to send no more than its tunnel takes. */
function fixed(s: SmapMtus, prrPmtud: boolean): boolean {
  const { dhcpMtu, mssClamp, tunnelMtu } = s.role;
  return prrPmtud
    || (dhcpMtu !== undefined && dhcpMtu <= tunnelMtu)
    || mssClamp === 'pmtu'
    || (mssClamp !== undefined && mssClamp <= tunnelMtu - TCP_IP_HEADERS);
}

/** One warning per tunnel and LAN MTU pair, naming every SMAP that has the bug with them. */
export function mtuBugWarnings(plan: Plan): MtuBugWarning[] {
  const prrPmtud = plan.nodes.find((n) => n.role === 'prr')?.prrRole?.pmtud ?? false;
  const out = new Map<string, { smaps: string[]; tunnelMtu: number; lanMtu: number }>();
  for (const s of smapMtus(plan)) {
    if (s.role.tunnelMtu >= s.lanMtu || fixed(s, prrPmtud)) continue;
    const key = `${s.role.tunnelMtu}/${s.lanMtu}`;
    const w = out.get(key) ?? { smaps: [], tunnelMtu: s.role.tunnelMtu, lanMtu: s.lanMtu };
    w.smaps.push(s.smap);
    out.set(key, w);
  }
  return [...out.values()];
}

/** At most this many SMAP names in a warning; the rest are counted. */
const NAMES_SHOWN = 3;

export function formatMtuBugWarning(w: MtuBugWarning): string {
  const names = w.smaps.length <= NAMES_SHOWN ? w.smaps.join(', ') : `${w.smaps.slice(0, NAMES_SHOWN).join(', ')} and ${w.smaps.length - NAMES_SHOWN} more`;
  return `${names}: tunnel MTU ${w.tunnelMtu} is below the LAN's ${w.lanMtu}, and no dhcpMtu, mssClamp or prr.pmtud brings the clients' packets down to it: ` +
    `DF packets longer than ${w.tunnelMtu} bytes to them die at the PRR without a word (the paper's MTU bug, IV-B; docs/mtu.md)`;
}
