// Every node's sysctls, whatever its kind.
export function nodeSysctls(routing: boolean): Record<string, string> {
  return {
    'net.ipv6.conf.all.disable_ipv6': '0',
    'net.ipv6.conf.default.disable_ipv6': '0',
    // Addresses and routes are the plan's, never a router advertisement's.
    'net.ipv6.conf.all.accept_ra': '0',
    'net.ipv6.conf.default.accept_ra': '0',
    'net.ipv4.ip_forward': routing ? '1' : '0',
    'net.ipv6.conf.all.forwarding': routing ? '1' : '0',
    // Tunnel ends see packets on one interface that answer to another.
    'net.ipv4.conf.all.rp_filter': '0',
    'net.ipv4.conf.default.rp_filter': '0',
  };
}
