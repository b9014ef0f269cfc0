// Conntrack dumps shared by the measure tests: the paper's Table V verbatim,
// and lines written by hand in the kernel's and conntrack-tools' exact formats.

// Table V of the paper (Appendix A), verbatim.
export const TABLE_V = `tcp 6 5 CLOSE src=172.23.42.42 dst=217.70.191.14 sport=4000 dport=22 packets=2 bytes=84 src=217.70.191.14 dst=192.44.77.81 sport=22 dport=4000 packets=1 bytes=44 mark=0 use=1
tcp 6 8 CLOSE src=172.23.203.112 dst=217.70.191.14 sport=4000 dport=443 packets=2 bytes=84 src=217.70.191.14 dst=192.44.77.81 sport=443 dport=4000 packets=1 bytes=44 mark=0 use=1
tcp 6 8 CLOSE src=172.23.203.112 dst=217.70.191.14 sport=4000 dport=22 packets=2 bytes=84 src=217.70.191.14 dst=192.44.77.81 sport=22 dport=1517 packets=1 bytes=44 mark=0 use=1`;

// /proc/net/nf_conntrack on a SMAP sharing 198.51.100.27:10000-11000, in the
// kernel's ct_seq_show format ("%-8s %u %-8s %u %ld ", each field then a space).
export const PROC = `ipv4     2 tcp      6 431995 ESTABLISHED src=192.168.1.100 dst=198.18.0.80 sport=41234 dport=80 src=198.18.0.80 dst=198.51.100.27 sport=80 dport=10007 [ASSURED] mark=0 zone=0 use=2
ipv4     2 udp      17 27 src=192.168.1.100 dst=198.18.0.53 sport=39211 dport=53 src=198.18.0.53 dst=198.51.100.27 sport=53 dport=10012 mark=0 zone=0 use=2
ipv4     2 tcp      6 118 SYN_SENT src=192.168.1.100 dst=198.18.0.44 sport=50000 dport=443 [UNREPLIED] src=198.18.0.44 dst=198.51.100.27 sport=443 dport=10013 mark=0 zone=0 use=2
ipv4     2 icmp     1 29 src=192.168.1.100 dst=198.18.0.1 type=8 code=0 id=3412 src=198.18.0.1 dst=198.51.100.27 type=0 code=0 id=10020 mark=0 zone=0 use=2
ipv6     10 udp      17 21 src=2001:db8:7301:4666::1 dst=2001:db8:7301:d002::711 sport=546 dport=547 [UNREPLIED] src=2001:db8:7301:d002::711 dst=2001:db8:7301:4666::1 sport=547 dport=546 mark=0 zone=0 use=2
`;

// conntrack -L with accounting on (net.netfilter.nf_conntrack_acct=1), and its summary on stderr.
export const CONNTRACK_L = `tcp      6 431999 ESTABLISHED src=192.168.1.100 dst=198.18.0.80 sport=41236 dport=80 packets=6 bytes=412 src=198.18.0.80 dst=198.51.100.27 sport=80 dport=10008 packets=4 bytes=5320 [ASSURED] mark=0 use=1
tcp      6 117 TIME_WAIT src=192.168.1.100 dst=198.18.0.44 sport=50002 dport=443 packets=12 bytes=1570 src=198.18.0.44 dst=198.51.100.27 sport=443 dport=10009 packets=10 bytes=6088 [ASSURED] mark=0 use=1
udp      17 29 src=192.168.1.100 dst=198.18.0.53 sport=39213 dport=53 packets=1 bytes=71 [UNREPLIED] src=198.18.0.53 dst=198.51.100.27 sport=53 dport=10010 packets=0 bytes=0 mark=0 use=1
udp      17 179 src=192.168.1.100 dst=198.18.0.90 sport=5060 dport=3659 packets=300 bytes=69600 src=198.18.0.90 dst=198.51.100.27 sport=3659 dport=10011 packets=298 bytes=69136 [ASSURED] mark=0 use=1
icmp     1 29 src=192.168.1.100 dst=198.18.0.1 type=8 code=0 id=3413 packets=1 bytes=84 src=198.18.0.1 dst=198.51.100.27 type=0 code=0 id=10021 packets=1 bytes=84 mark=0 use=1
conntrack v1.4.6 (conntrack-tools): 5 flow entries have been shown.
`;
