// The SMAP's conntrack timeouts that decide how long a NAT port stays taken
// after its flow: Linux's defaults (nf_conntrack_proto_udp.c, _tcp.c), which
// are what the paper's counts of /proc/net/nf_conntrack saw (II-A). Scenarios
// scale them with their profiles' time; `aplus simulate` uses them as given.

/** Seconds. */
export interface ConntrackTimeouts {
  /** A UDP entry seen one way, or both ways for less than 2 s (a DNS lookup). */
  readonly udp: number;
  /** A UDP entry seen both ways and still active 2 s after its first reply (a stream). */
  readonly udpStream: number;
  /** A closed TCP connection's TIME_WAIT. */
  readonly tcpTimeWait: number;
  readonly tcpFinWait: number;
  readonly tcpCloseWait: number;
  readonly tcpLastAck: number;
}

export const CONNTRACK_TIMEOUTS: ConntrackTimeouts = {
  udp: 30, udpStream: 120, tcpTimeWait: 120, tcpFinWait: 120, tcpCloseWait: 60, tcpLastAck: 30,
};

/** Every timeout multiplied by f (a profile played f times as long). */
export function scaledTimeouts(t: ConntrackTimeouts, f: number): ConntrackTimeouts {
  return {
    udp: t.udp * f, udpStream: t.udpStream * f, tcpTimeWait: t.tcpTimeWait * f,
    tcpFinWait: t.tcpFinWait * f, tcpCloseWait: t.tcpCloseWait * f, tcpLastAck: t.tcpLastAck * f,
  };
}

/** The sysctls that set them, in whole seconds. */
export function conntrackSysctls(t: ConntrackTimeouts): Record<string, string> {
  const s = (x: number) => String(Math.max(1, Math.round(x)));
  return {
    'net.netfilter.nf_conntrack_udp_timeout': s(t.udp), 'net.netfilter.nf_conntrack_udp_timeout_stream': s(t.udpStream),
    'net.netfilter.nf_conntrack_tcp_timeout_time_wait': s(t.tcpTimeWait), 'net.netfilter.nf_conntrack_tcp_timeout_fin_wait': s(t.tcpFinWait),
    'net.netfilter.nf_conntrack_tcp_timeout_close_wait': s(t.tcpCloseWait), 'net.netfilter.nf_conntrack_tcp_timeout_last_ack': s(t.tcpLastAck),
  };
}
