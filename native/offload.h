// offload: TCP segmentation and coalescing for TUN devices opened with
// IFF_VNET_HDR (see offload.c). Pure functions over byte arrays: no I/O.
#ifndef APLUS_OFFLOAD_H
#define APLUS_OFFLOAD_H
#include <stddef.h>
#include <stdint.h>

// The legacy virtio_net_hdr the TUN driver puts before every packet once
// TUNSETVNETHDRSZ is 10, in the host's byte order (little-endian here).
#define OFF_VNET_LEN 10
#define OFF_F_NEEDS_CSUM 1
#define OFF_GSO_NONE 0
#define OFF_GSO_TCPV4 1

typedef struct {
  uint8_t flags;
  uint8_t gso_type;
  uint16_t hdr_len;
  uint16_t gso_size;
  uint16_t csum_start;
  uint16_t csum_offset;
} off_vnet_t;

void off_vnet_read(const uint8_t *b, off_vnet_t *h);
void off_vnet_write(uint8_t *b, const off_vnet_t *h);

// Finishes a packet whose checksum the kernel left partial: the ones'
// complement sum from `start` to the end goes at start + offset (0 becomes
// 0xffff, as the kernel does). -1 when the offsets do not fit the packet.
int off_complete_csum(uint8_t *pkt, size_t len, size_t start, size_t offset);

// What one read from a TUN device with a virtio_net_hdr gives JavaScript.
// A packet that cannot be passed on as the kernel meant it is dropped here,
// under its own reason, never passed on half done.
typedef enum {
  OFF_READ_WHOLE,     // one packet (a partial checksum finished in place)
  OFF_READ_SEGMENTS,  // a TCP burst, to be cut into *segs segments
  OFF_READ_SHORT,     // fewer bytes than the header: no packet at all
  OFF_READ_BAD_CSUM,  // a partial checksum whose offsets fall outside the
                      // packet: it cannot be finished, and a packet with a
                      // partial checksum must not go on (the peer drops it)
} off_read_t;

// Judges one read of `len` bytes at `slot`: the header, then the packet at
// slot + OFF_VNET_LEN. Fills *h, and *segs for OFF_READ_SEGMENTS.
off_read_t off_tun_read(uint8_t *slot, size_t len, off_vnet_t *h, int *segs);

// An IPv4 TCP super-packet (gso_size bytes of payload per segment): the
// number of segments, or -1 when it is not a well-formed IPv4 TCP packet
// with a payload and gso_size > 0.
int off_tcp4_segments(const uint8_t *pkt, size_t len, uint16_t gso_size);
// Length of segment i (headers + its share of the payload).
size_t off_tcp4_segment_len(const uint8_t *pkt, uint16_t gso_size, int i);
// Writes segment i into out (off_tcp4_segment_len bytes): headers copied,
// IPv4 length, ID (+i) and checksum, TCP sequence number (+i * gso_size),
// FIN and PSH on the last segment only, CWR on the first only, and a full
// TCP checksum, as the kernel's own segmentation does.
void off_tcp4_segment_write(const uint8_t *pkt, uint16_t gso_size, int i, uint8_t *out);

// Coalescing, the other way: a run of segments of one TCP flow that the
// kernel could cut again the same way. Only plain ACK (or a last ACK+PSH)
// segments of one flow, with identical headers but for length, ID (+1),
// sequence (contiguous), checksums and that PSH; every segment but the last
// as long as the first; at most OFF_MAX_RUN segments and 65535 bytes joined.
#define OFF_MAX_RUN 64
typedef struct {
  const uint8_t *segs[OFF_MAX_RUN];
  size_t lens[OFF_MAX_RUN];
  int n;         // segments in the run; set to 0 to start a new one
  size_t total;  // bytes once joined
} off_run_t;

// Adds a packet to the run: it may start an empty run (an IPv4 TCP ACK with
// a payload, no IP options, not a fragment) or follow the last segment.
// 1 when added, 0 when it belongs to no run of these.
int off_run_add(off_run_t *r, const uint8_t *pkt, size_t len);
// Joins the run's segments into out, and fills h for a TUN write: GSO
// TCPV4, partial checksum. Returns the joined length.
size_t off_run_join(const off_run_t *r, uint8_t *out, off_vnet_t *h);

#endif
