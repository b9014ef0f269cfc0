// What a plan holds, for a person to check before bringing it up: the shared
// addresses, the IPv6 networks with their MTUs, and each SMAP's ports, LAN and
// MTUs (LAN, narrowest link to the PRR, tunnel, what DHCP hands out). Printed
// by `aplus check` and `aplus up --show`.
import { formatPortSet, portSetSize } from '../aplus/core/port-set';
import { describeImpairment } from '../model/impairment';
import { smapMtus, type Plan } from '../plan/index';
import { plural } from '../report/plural';

/** Rows as columns two spaces apart, each as wide as its widest cell. */
function columns(rows: ReadonlyArray<readonly string[]>, indent = '  '): string[] {
  const width = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(width[i]!))).join('  ').trimEnd());
}

/** The plan's counts: "2 SMAPs, 4 clients, 1 server, 1 router, 5 networks". */
export function planCounts(plan: Plan): string {
  const count = (role: string) => plan.nodes.filter((n) => n.role === role).length;
  return [plural(count('smap'), 'SMAP'), plural(count('client'), 'client'), plural(count('server'), 'server'), plural(count('router'), 'router'), plural(plan.networks.length, 'network')].join(', ');
}

export function renderPlan(plan: Plan): string {
  const prr = plan.nodes.find((n) => n.role === 'prr')?.prrRole;
  const head = prr
    ? [`  shared ${prr.shared.length > 1 ? `addresses ${prr.shared.join(', ')}` : `address ${prr.shared[0]}`}; PRR at ${prr.ipv6} and ${prr.ipv4}, PMTU discovery ${prr.pmtud ? 'on' : 'off'}, fragments ${prr.fragments === 'drop' ? 'dropped' : 'reassembled'}`]
    : [];
  // IPv6 networks by their MTU, and any network that is impaired (the Internet's too).
  const links = plan.networks.filter((n) => n.family === 6 || n.impair)
    .map((n) => [n.key, n.subnet, `MTU ${n.mtu}${n.impair ? `, ${describeImpairment(n.impair)}` : ''}`]);
  // Which address a SMAP's ports are of, when the PRR has several.
  const of = (shared: string) => (prr && prr.shared.length > 1 ? `${shared} ` : '');
  const smaps = smapMtus(plan).map((s) => {
    const r = s.role;
    return [
      s.smap,
      `${of(r.shared)}${formatPortSet(r.ports)} (${portSetSize(r.ports)})`,
      r.lan,
      String(s.lanMtu),
      `${s.pathMtu} (${s.path.join(' > ')})`,
      String(r.tunnelMtu),
      r.dhcpMtu === undefined ? 'none' : String(r.dhcpMtu),
      r.mssClamp === undefined ? 'off' : String(r.mssClamp),
      r.pmtud ? 'on' : 'off',
    ];
  });
  const table = [['SMAP', 'ports (count)', 'LAN', 'LAN MTU', 'path MTU to PRR', 'tunnel MTU', 'DHCP MTU', 'MSS clamp', 'PMTUD'], ...smaps];
  return [...head, ...columns(links), ...columns(table)].join('\n') + '\n';
}
