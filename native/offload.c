// offload: what a TUN device with IFF_VNET_HDR and TSO asks of user space.
//
// With TUNSETOFFLOAD(TUN_F_CSUM | TUN_F_TSO4) the kernel hands the tunnel
// end TCP "super-packets" of up to 64 KB (one per TSO burst that crossed the
// LAN and the NAT as a single skb) and packets whose checksum it left for
// later; in the other direction it accepts such super-packets and cuts them
// itself, after routing them as one. The daemons' cores still see ordinary
// packets: super-packets read from the TUN are cut here into the segments
// the kernel would have made, and runs of segments of one TCP flow written
// to the TUN are joined back (as WireGuard-go and the Linux GRO do).
// Pure functions: see offload.h.
#include "offload.h"
#include <string.h>

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v; }

static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static void putle16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }

void off_vnet_read(const uint8_t *b, off_vnet_t *h) {
  h->flags = b[0];
  h->gso_type = b[1];
  h->hdr_len = le16(b + 2);
  h->gso_size = le16(b + 4);
  h->csum_start = le16(b + 6);
  h->csum_offset = le16(b + 8);
}

void off_vnet_write(uint8_t *b, const off_vnet_t *h) {
  b[0] = h->flags;
  b[1] = h->gso_type;
  putle16(b + 2, h->hdr_len);
  putle16(b + 4, h->gso_size);
  putle16(b + 6, h->csum_start);
  putle16(b + 8, h->csum_offset);
}

// Ones' complement sum of big-endian 16-bit words, not folded. Eight bytes
// at a time: a 32-bit big-endian word hi:lo is hi + lo modulo 65535, which is
// all a ones' complement sum keeps, and 64 bits hold the sum of any packet's
// words without overflow.
static uint64_t sum16(const uint8_t *p, size_t len, uint64_t acc) {
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t v;
    memcpy(&v, p + i, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    acc += (v >> 32) + (v & 0xffffffffu);
  }
  for (; i + 1 < len; i += 2) acc += get16(p + i);
  if (i < len) acc += (uint64_t)p[i] << 8;
  return acc;
}

static uint16_t fold(uint64_t acc) {
  while (acc >> 16) acc = (acc & 0xffff) + (acc >> 16);
  return (uint16_t)acc;
}

int off_complete_csum(uint8_t *pkt, size_t len, size_t start, size_t offset) {
  if (start >= len || offset + 2 > len - start) return -1;
  uint16_t c = (uint16_t)~fold(sum16(pkt + start, len - start, 0));
  put16(pkt + start + offset, c ? c : 0xffff);
  return 0;
}

off_read_t off_tun_read(uint8_t *slot, size_t len, off_vnet_t *h, int *segs) {
  if (len < OFF_VNET_LEN) return OFF_READ_SHORT;
  off_vnet_read(slot, h);
  uint8_t *pkt = slot + OFF_VNET_LEN;
  len -= OFF_VNET_LEN;
  *segs = h->gso_type == OFF_GSO_TCPV4 ? off_tcp4_segments(pkt, len, h->gso_size) : -1;
  // Segments get full checksums when cut: the burst's partial one is not used.
  if (*segs > 0) return OFF_READ_SEGMENTS;
  // Anything else goes whole (a super-packet we cannot cut too: the cores
  // judge it), its checksum finished when the kernel left it partial.
  if ((h->flags & OFF_F_NEEDS_CSUM) && off_complete_csum(pkt, len, h->csum_start, h->csum_offset) < 0) return OFF_READ_BAD_CSUM;
  return OFF_READ_WHOLE;
}

static uint16_t ip_csum(const uint8_t *ip, size_t ihl) {
  uint64_t acc = sum16(ip, ihl, 0) - get16(ip + 10);  // the checksum field counts as zero
  return (uint16_t)~fold(acc);
}

static uint64_t pseudo(const uint8_t *ip, size_t tcp_len) {
  return sum16(ip + 12, 8, 0) + 6 + tcp_len;
}

// An IPv4 TCP packet we may touch: version 4, the whole packet present, not
// a fragment, TCP with a sane data offset. Sets the header lengths.
static int tcp4_headers(const uint8_t *pkt, size_t len, size_t *ihl, size_t *thl) {
  if (len < 40 || pkt[0] >> 4 != 4 || pkt[9] != 6) return -1;
  *ihl = (size_t)(pkt[0] & 15) * 4;
  if (*ihl < 20 || get16(pkt + 2) != len || (get16(pkt + 6) & 0x3fff) != 0) return -1;
  if (len < *ihl + 20) return -1;
  *thl = (size_t)(pkt[*ihl + 12] >> 4) * 4;
  if (*thl < 20 || len < *ihl + *thl) return -1;
  return 0;
}

int off_tcp4_segments(const uint8_t *pkt, size_t len, uint16_t gso_size) {
  size_t ihl, thl;
  if (gso_size == 0 || tcp4_headers(pkt, len, &ihl, &thl) < 0) return -1;
  size_t payload = len - ihl - thl;
  if (payload == 0) return -1;
  return (int)((payload + gso_size - 1) / gso_size);
}

size_t off_tcp4_segment_len(const uint8_t *pkt, uint16_t gso_size, int i) {
  size_t ihl = (size_t)(pkt[0] & 15) * 4, thl = (size_t)(pkt[ihl + 12] >> 4) * 4;
  size_t payload = get16(pkt + 2) - ihl - thl, at = (size_t)i * gso_size;
  size_t seg = payload - at < gso_size ? payload - at : gso_size;
  return ihl + thl + seg;
}

#define TCP_FIN 0x01
#define TCP_PSH 0x08
#define TCP_ACK 0x10
#define TCP_CWR 0x80

void off_tcp4_segment_write(const uint8_t *pkt, uint16_t gso_size, int i, uint8_t *out) {
  size_t ihl = (size_t)(pkt[0] & 15) * 4, thl = (size_t)(pkt[ihl + 12] >> 4) * 4;
  size_t len = off_tcp4_segment_len(pkt, gso_size, i), seg = len - ihl - thl;
  size_t at = (size_t)i * gso_size;
  int last = ihl + thl + at + seg == get16(pkt + 2);
  memcpy(out, pkt, ihl + thl);
  memcpy(out + ihl + thl, pkt + ihl + thl + at, seg);
  put16(out + 2, (uint16_t)len);
  put16(out + 4, (uint16_t)(get16(pkt + 4) + i));
  put16(out + 10, ip_csum(out, ihl));
  uint8_t *tcp = out + ihl;
  put32(tcp + 4, get32(pkt + ihl + 4) + (uint32_t)at);
  if (!last) tcp[13] &= (uint8_t)~(TCP_FIN | TCP_PSH);
  if (i > 0) tcp[13] &= (uint8_t)~TCP_CWR;
  put16(tcp + 16, 0);
  put16(tcp + 16, (uint16_t)~fold(sum16(tcp, len - ihl, pseudo(out, len - ihl))));
}

// May a packet start a run at all?
static int can_start(const uint8_t *pkt, size_t len) {
  size_t ihl, thl;
  if (tcp4_headers(pkt, len, &ihl, &thl) < 0 || ihl != 20) return 0;
  uint8_t flags = pkt[ihl + 13];
  return (flags == TCP_ACK || flags == (TCP_ACK | TCP_PSH)) && len > ihl + thl;
}

// May `next` follow the run's last segment?
static int can_join(const off_run_t *r, const uint8_t *next, size_t next_len) {
  const uint8_t *first = r->segs[0], *prev = r->segs[r->n - 1];
  size_t first_len = r->lens[0], prev_len = r->lens[r->n - 1];
  size_t thl = (size_t)(first[20 + 12] >> 4) * 4;
  size_t gso = first_len - 20 - thl;
  // the run is closed by a short segment or by PSH
  if (prev_len != first_len || prev[20 + 13] != TCP_ACK) return 0;
  if ((size_t)(next[20 + 12] >> 4) * 4 != thl || next_len - 20 - thl > gso) return 0;
  if (r->total + next_len - 20 - thl > 65535) return 0;
  // IPv4: same TOS, DF bit, TTL, protocol, addresses; ID one more.
  if (next[1] != first[1] || get16(next + 6) != get16(first + 6) || next[8] != first[8] ||
      memcmp(next + 12, first + 12, 8) != 0 || get16(next + 4) != (uint16_t)(get16(prev + 4) + 1))
    return 0;
  // TCP: same ports, ack, window, urgent pointer and options; contiguous data.
  const uint8_t *nt = next + 20, *ft = first + 20, *pt = prev + 20;
  if (memcmp(nt, ft, 4) != 0 || memcmp(nt + 8, ft + 8, 4) != 0 || get16(nt + 14) != get16(ft + 14) ||
      get16(nt + 18) != get16(ft + 18) || memcmp(nt + 20, ft + 20, thl - 20) != 0)
    return 0;
  return get32(nt + 4) == get32(pt + 4) + (uint32_t)(prev_len - 20 - thl);
}

int off_run_add(off_run_t *r, const uint8_t *pkt, size_t len) {
  if (r->n == OFF_MAX_RUN || !can_start(pkt, len) || (r->n > 0 && !can_join(r, pkt, len))) return 0;
  // can_start checked the headers: 20 bytes of IPv4, then TCP's own length.
  r->total = r->n == 0 ? len : r->total + len - 20 - (size_t)(pkt[20 + 12] >> 4) * 4;
  r->segs[r->n] = pkt;
  r->lens[r->n++] = len;
  return 1;
}

size_t off_run_join(const off_run_t *r, uint8_t *out, off_vnet_t *h) {
  const uint8_t *const *segs = r->segs;
  const size_t *lens = r->lens;
  int n = r->n;
  size_t thl = (size_t)(segs[0][20 + 12] >> 4) * 4, hdr = 20 + thl, len = hdr;
  memcpy(out, segs[0], hdr);
  for (int i = 0; i < n; i++) {
    memcpy(out + len, segs[i] + hdr, lens[i] - hdr);
    len += lens[i] - hdr;
  }
  put16(out + 2, (uint16_t)len);
  put16(out + 10, ip_csum(out, 20));
  out[20 + 13] |= segs[n - 1][20 + 13] & TCP_PSH;
  // Partial checksum: the pseudo-header sum, not complemented; the kernel
  // adds each segment's bytes when it cuts the packet.
  put16(out + 20 + 16, fold(pseudo(out, len - 20)));
  h->flags = OFF_F_NEEDS_CSUM;
  h->gso_type = OFF_GSO_TCPV4;
  h->hdr_len = (uint16_t)hdr;
  h->gso_size = (uint16_t)(lens[0] - hdr);
  h->csum_start = 20;
  h->csum_offset = 16;
  return len;
}
