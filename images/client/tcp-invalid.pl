#!/usr/bin/perl
# Sends TCP segments whose flags, SYN and FIN at once, no connection may carry:
# conntrack calls each invalid, so the SMAP's NAT leaves its private source
# alone (docs/topology.md, dropInvalid). A raw socket (IPPROTO_RAW: the header
# is ours, the kernel fills its checksum); the TCP checksum is right, so the
# flags alone make it invalid.
# Usage: perl tcp-invalid.pl FROM TO [COUNT] [DPORT]
use strict;
use warnings;
use Socket;

my ($from, $to, $count, $dport) = @ARGV;
die "usage: tcp-invalid.pl FROM TO [COUNT] [DPORT]\n" unless defined $to;
$count //= 1;
$dport //= 80;
my ($src, $dst) = (inet_aton($from), inet_aton($to));
die "usage: FROM and TO are IPv4 addresses\n" unless $src && $dst;
socket(my $s, PF_INET, SOCK_RAW, 255) or die "raw socket: $!\n";

sub sum16 {
  my $d = shift;
  $d .= "\0" if length($d) % 2;
  my $x = 0;
  $x += $_ for unpack('n*', $d);
  $x = ($x >> 16) + ($x & 0xffff) while $x >> 16;
  return ~$x & 0xffff;
}

for my $i (1 .. $count) {
  # source port, destination port, seq, ack, data offset (5 words), flags SYN|FIN, window, checksum, urgent
  my $tcp = pack('nnNNCCnnn', 40000 + $i, $dport, $i, 0, 5 << 4, 0x03, 65535, 0, 0);
  substr($tcp, 16, 2) = pack('n', sum16($src . $dst . pack('CCn', 0, 6, length $tcp) . $tcp));
  my $ip = pack('CCnnnCCna4a4', 0x45, 0, 20 + length $tcp, $i, 0x4000, 64, 6, 0, $src, $dst);
  send($s, $ip . $tcp, 0, pack_sockaddr_in(0, $dst)) or die "send: $!\n";
}
print "sent $count\n";
