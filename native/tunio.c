// tunio: TUN devices and raw AF_INET6 sockets for Node, over N-API + uv_poll.
//
// Node has neither, and the kernel here has no ip6_tunnel/sit/ipip, so each
// A+P tunnel end (PRR, SMAP) is a TUN device (inner IPv4) plus a raw IPv6
// socket with protocol 4 (the kernel adds/strips the IPv6 header).
//
// Reads never block the event loop and use no threads: a uv_poll_t watches
// the nonblocking fd; when it is readable we drain up to BATCH packets until
// EAGAIN and call JS once with the whole batch. Writes are synchronous
// nonblocking calls that return bytes written or -errno (never throw).
// Only N-API (version 8) and uv_poll: the same binary loads in Node 18 and 20.
//
// TUN devices are opened with IFF_VNET_HDR and TSO (unless asked not to):
// the kernel then routes and NATs a whole TCP burst as one packet, and
// offload.c cuts it into the segments JavaScript sees, and joins runs of
// segments written back (see docs/native-io.md).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include <node_api.h>

#define ADDON "tunio"
#include "napi-errors.h"
#include <uv.h>
#include "offload.h"
#include "nftcounter.h"

#define BATCH 64
#define MAX_PACKET 65536
#define DEFAULT_RCVBUF (4 * 1024 * 1024)
#define TUN_QLEN 8192

enum kind { KIND_TUN, KIND_RAW };

// A Buffer handed to JS on every wakeup, made once and grown when a wakeup
// needs more: a fresh Buffer per wakeup cost a malloc of up to megabytes,
// page faults on first touch and a V8 sweep to free it, and page faults are
// dear on a VM (docs/native-io.md: the largest single gain of the tunnel).
typedef struct {
  napi_ref ref;
  void *at;
  size_t cap;
} keep_t;

// Packets the addon itself could not pass on, by reason, since the handle
// opened: JS gets their sum with every batch and the breakdown from drops(),
// so that the daemons count them beside the cores' drops.
typedef struct {
  uint64_t short_reads;       // TUN reads shorter than their virtio_net_hdr
  uint64_t bad_csum_offsets;  // partial checksums whose offsets fall outside the packet
  uint64_t no_buffer;         // packets of a wakeup whose Buffers for JS could not be made
} drops_t;

static uint64_t drops_total(const drops_t *d) { return d->short_reads + d->bad_csum_offsets + d->no_buffer; }

typedef struct {
  uv_poll_t poll;        // first member: the uv close callback gets it back as io_t*
  napi_env env;
  enum kind kind;
  int fd;
  int poll_open;         // uv handle initialised and not yet closed
  int finalized;         // JS object collected
  napi_ref cb;           // batch callback
  napi_ref self;         // strong ref to the JS object while polling
  napi_async_context actx;
  int vnet;              // TUN opened with IFF_VNET_HDR: a virtio_net_hdr before every packet
  unsigned char wbuf[MAX_PACKET];  // a joined run of segments, on its way into the TUN
  unsigned char *many;   // BATCH receive slots (TUN reads, recvmmsg), allocated on start
  keep_t data, lens, srcs;  // what JS gets each wakeup, made once and reused
  drops_t drops;
} io_t;

static void on_closed(uv_handle_t *h) {
  io_t *io = (io_t *)h;
  io->poll_open = 0;
  if (io->finalized) free(io);
}

// Stops polling and closes the fd; safe to call twice, and from inside a batch.
static void io_close(io_t *io) {
  if (io->poll_open && !uv_is_closing((uv_handle_t *)&io->poll)) {
    uv_poll_stop(&io->poll);
    uv_close((uv_handle_t *)&io->poll, on_closed);
  }
  if (io->fd >= 0) { close(io->fd); io->fd = -1; }
  if (io->cb) { napi_delete_reference(io->env, io->cb); io->cb = NULL; }
  if (io->self) { napi_delete_reference(io->env, io->self); io->self = NULL; }
  if (io->actx) { napi_async_destroy(io->env, io->actx); io->actx = NULL; }
  free(io->many);
  io->many = NULL;
  keep_t *keeps[] = { &io->data, &io->lens, &io->srcs };
  for (int i = 0; i < 3; i++) {
    if (keeps[i]->ref) napi_delete_reference(io->env, keeps[i]->ref);
    *keeps[i] = (keep_t){ NULL, NULL, 0 };
  }
}

// The kept Buffer, at least `need` bytes (grown to twice that when too small).
static napi_status keep_get(napi_env env, keep_t *k, size_t need, napi_value *out) {
  if (k->ref && need <= k->cap) return napi_get_reference_value(env, k->ref, out);
  size_t cap = need * 2 > 4096 ? need * 2 : 4096;
  void *at;
  napi_status st = napi_create_buffer(env, cap, &at, out);
  if (st != napi_ok) return st;
  if (k->ref) napi_delete_reference(env, k->ref);
  k->ref = NULL;
  st = napi_create_reference(env, *out, 1, &k->ref);
  if (st != napi_ok) return st;
  k->at = at;
  k->cap = cap;
  return napi_ok;
}

static void io_finalize(napi_env env, void *data, void *hint) {
  (void)env; (void)hint;
  io_t *io = data;
  io_close(io);
  io->finalized = 1;
  if (!io->poll_open) free(io);
}

// What one wakeup read, before it becomes JS values: packet i is slot i of
// io->many (on a TUN, after its virtio_net_hdr), `lens[i]` bytes, and gives
// `segs[i]` packets to JS (a TCP super-packet cut into segments: more than one).
typedef struct {
  uint32_t n;                 // slots read
  uint32_t lens[BATCH];
  int segs[BATCH];            // > 0: cut into this many segments; 0: passed whole
  off_vnet_t vnet[BATCH];
  unsigned char srcs[BATCH * 16];  // raw: the IPv6 source of slot i
  uint32_t out_count;         // packets JS gets
  size_t out_bytes;           // their bytes, end to end
} wakeup_t;

#define SLOT (OFF_VNET_LEN + MAX_PACKET)

// One message of a recvmmsg/sendmmsg: one buffer, one IPv6 address.
static void mmsg_set(struct mmsghdr *m, struct iovec *iov, void *base, size_t len, struct sockaddr_in6 *name) {
  iov->iov_base = base;
  iov->iov_len = len;
  m->msg_hdr.msg_iov = iov;
  m->msg_hdr.msg_iovlen = 1;
  m->msg_hdr.msg_name = name;
  m->msg_hdr.msg_namelen = sizeof *name;
}

static void read_raw(io_t *io, wakeup_t *w) {
  // One recvmmsg for up to BATCH payloads: one syscall per wakeup, not per packet.
  struct mmsghdr msgs[BATCH];
  struct iovec iov[BATCH];
  struct sockaddr_in6 from[BATCH];
  memset(msgs, 0, sizeof msgs);
  for (int i = 0; i < BATCH; i++) mmsg_set(&msgs[i], &iov[i], io->many + (size_t)i * SLOT, MAX_PACKET, &from[i]);
  int got;
  do got = recvmmsg(io->fd, msgs, BATCH, MSG_DONTWAIT, NULL); while (got < 0 && errno == EINTR);
  for (int i = 0; i < got; i++) {
    w->lens[i] = msgs[i].msg_len;
    w->segs[i] = 0;
    memcpy(w->srcs + i * 16, &from[i].sin6_addr, 16);
    w->out_bytes += msgs[i].msg_len;
  }
  w->n = got > 0 ? (uint32_t)got : 0;
  w->out_count = w->n;
}

static void read_tun(io_t *io, wakeup_t *w) {
  while (w->n < BATCH) {
    unsigned char *slot = io->many + (size_t)w->n * SLOT;
    ssize_t len = read(io->fd, slot, SLOT);
    if (len < 0) {
      if (errno == EINTR) continue;
      break;  // EAGAIN: drained; anything else: drop the wakeup, poll again
    }
    off_vnet_t h = { 0, OFF_GSO_NONE, 0, 0, 0, 0 };
    int segs = 0;
    if (io->vnet) {
      // A dropped read leaves its slot to the next one: w->n counts what JS gets.
      off_read_t r = off_tun_read(slot, (size_t)len, &h, &segs);
      if (r == OFF_READ_SHORT) { io->drops.short_reads++; continue; }
      if (r == OFF_READ_BAD_CSUM) { io->drops.bad_csum_offsets++; continue; }
      if (r != OFF_READ_SEGMENTS) segs = 0;
      len -= OFF_VNET_LEN;
    }
    uint32_t i = w->n++;
    w->lens[i] = (uint32_t)len;
    w->vnet[i] = h;
    w->segs[i] = segs;
    if (segs > 0) {
      // A TCP burst the kernel kept whole: the segments it would have sent.
      for (int k = 0; k < segs; k++) w->out_bytes += off_tcp4_segment_len(slot + OFF_VNET_LEN, h.gso_size, k);
      w->out_count += (uint32_t)segs;
    } else {
      w->out_bytes += (size_t)len;
      w->out_count++;
    }
  }
}

// Copies a wakeup's packets end to end into `data` and their lengths into
// `lens` (uint32 each, host order).
static void fill_batch(io_t *io, const wakeup_t *w, unsigned char *data, uint32_t *lens) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < w->n; i++) {
    // Only a TUN opened with offload has the header (vnet stays 0 for raw sockets).
    const unsigned char *pkt = io->many + (size_t)i * SLOT + (io->vnet ? OFF_VNET_LEN : 0);
    if (w->segs[i] > 0) {
      for (int s = 0; s < w->segs[i]; s++) {
        size_t len = off_tcp4_segment_len(pkt, w->vnet[i].gso_size, s);
        off_tcp4_segment_write(pkt, w->vnet[i].gso_size, s, data);
        data += len;
        lens[k++] = (uint32_t)len;
      }
    } else {
      memcpy(data, pkt, w->lens[i]);
      data += w->lens[i];
      lens[k++] = w->lens[i];
    }
  }
}

// Reads up to BATCH packets and calls JS once with them all in one Buffer:
// cb(data, lens, count, sources, dropped), where lens holds one uint32 per
// packet, sources (raw sockets) the 16-byte IPv6 source of packet i at i*16,
// and dropped the handle's drops_total. The three Buffers are the same on
// every wakeup and longer than what they hold: the packets are valid until
// the callback returns, and whoever keeps one longer must copy it. A wakeup
// that only dropped packets calls cb too, with count 0 (and the Buffers
// undefined when they could not be made), so that JS counts the drops.
static void on_readable(uv_poll_t *h, int status, int events) {
  (void)events;
  io_t *io = (io_t *)h;
  napi_env env = io->env;
  if (status < 0 || io->fd < 0 || !io->cb || !io->many) return;
  wakeup_t w;
  w.n = 0;
  w.out_count = 0;
  w.out_bytes = 0;
  uint64_t dropped = drops_total(&io->drops);
  if (io->kind == KIND_RAW) read_raw(io, &w);
  else read_tun(io, &w);
  if (w.out_count == 0 && drops_total(&io->drops) == dropped) return;
  napi_handle_scope scope;
  // No scope, no call: JS learns of these with the next batch's total.
  if (napi_open_handle_scope(env, &scope) != napi_ok) { io->drops.no_buffer += w.out_count; return; }
  napi_value argv[5], cb, recv, result;
  napi_get_undefined(env, &argv[0]);
  argv[1] = argv[3] = argv[0];
  if (w.out_count > 0 &&
      !(keep_get(env, &io->data, w.out_bytes, &argv[0]) == napi_ok &&
        keep_get(env, &io->lens, (size_t)w.out_count * 4, &argv[1]) == napi_ok &&
        (io->kind != KIND_RAW || keep_get(env, &io->srcs, (size_t)w.n * 16, &argv[3]) == napi_ok))) {
    io->drops.no_buffer += w.out_count;
    w.out_count = 0;
  }
  if (w.out_count > 0) {
    fill_batch(io, &w, io->data.at, io->lens.at);
    if (io->kind == KIND_RAW) memcpy(io->srcs.at, w.srcs, (size_t)w.n * 16);
  }
  if (napi_create_uint32(env, w.out_count, &argv[2]) == napi_ok &&
      napi_create_double(env, (double)drops_total(&io->drops), &argv[4]) == napi_ok) {
    napi_get_reference_value(env, io->cb, &cb);
    // napi_make_callback wants an object as `this` (undefined fails with
    // napi_object_expected and leaves an exception pending): the handle itself.
    napi_get_reference_value(env, io->self, &recv);
    napi_make_callback(env, io->actx, recv, cb, 5, argv, &result);
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (pending) {
      napi_value err;
      napi_get_and_clear_last_exception(env, &err);
      napi_fatal_exception(env, err);  // becomes 'uncaughtException', as for any callback
    }
  }
  napi_close_handle_scope(env, scope);
}

static io_t *unwrap_this(napi_env env, napi_callback_info info, size_t *argc, napi_value *argv) {
  napi_value self;
  void *data = NULL;
  if (napi_get_cb_info(env, info, argc, argv, &self, NULL) != napi_ok) return NULL;
  if (napi_unwrap(env, self, &data) != napi_ok) {
    napi_throw_type_error(env, NULL, "tunio: not a tunio handle");
    return NULL;
  }
  return data;
}

static napi_value wrap_new(napi_env env, napi_value self, enum kind kind, int fd) {
  io_t *io = calloc(1, sizeof *io);
  if (!io) { close(fd); return throw_errno(env, ENOMEM, "tunio"); }
  io->env = env;
  io->kind = kind;
  io->fd = fd;
  if (napi_wrap(env, self, io, io_finalize, NULL, NULL) != napi_ok) {
    close(fd);
    free(io);
    napi_throw_error(env, NULL, "tunio: napi_wrap failed");
    return NULL;
  }
  napi_value v;
  napi_create_int32(env, fd, &v);
  napi_set_named_property(env, self, "fd", v);
  return self;
}

// new Tun(name: string, mtu: number, offload = true): opens /dev/net/tun,
// IFF_TUN|IFF_NO_PI (and IFF_VNET_HDR with checksum and TSO offload when
// offload), sets the MTU when mtu > 0 and brings the link up. this.name is
// the kernel's name; this.offload says whether the kernel took the offloads.
static napi_value tun_new(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], self;
  CHECK(napi_get_cb_info(env, info, &argc, argv, &self, NULL));
  char name[IFNAMSIZ] = {0};
  size_t got = 0;
  int32_t mtu = 0;
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], name, sizeof name, &got) != napi_ok) {
    napi_throw_type_error(env, NULL, "tunio: Tun(name) needs a string name");
    return NULL;
  }
  if (argc > 1) napi_get_value_int32(env, argv[1], &mtu);
  bool offload = true;
  if (argc > 2) napi_get_value_bool(env, argv[2], &offload);
  int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return throw_errno(env, errno, "open /dev/net/tun");
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  ifr.ifr_flags = IFF_TUN | IFF_NO_PI | (offload ? IFF_VNET_HDR : 0);
  memcpy(ifr.ifr_name, name, got < IFNAMSIZ ? got : IFNAMSIZ - 1);
  if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
    int e = errno;
    close(fd);
    return throw_errno(env, e, "TUNSETIFF");
  }
  int vnet_len = OFF_VNET_LEN;
  if (offload && (ioctl(fd, TUNSETVNETHDRSZ, &vnet_len) < 0 ||
                  ioctl(fd, TUNSETOFFLOAD, (unsigned long)(TUN_F_CSUM | TUN_F_TSO4)) < 0)) {
    int e = errno;
    close(fd);
    return throw_errno(env, e, "TUNSETOFFLOAD");
  }
  // MTU and IFF_UP need an ordinary socket for the SIOCSIF* ioctls.
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int e = s < 0 ? errno : 0;
  if (!e && mtu > 0) {
    ifr.ifr_mtu = mtu;
    if (ioctl(s, SIOCSIFMTU, &ifr) < 0) e = errno;
  }
  // The queue of packets the kernel holds for us (1000 by default): room for
  // the bursts of hundreds of connections while the daemon waits for a core.
  if (!e) {
    ifr.ifr_qlen = TUN_QLEN;
    if (ioctl(s, SIOCSIFTXQLEN, &ifr) < 0) e = errno;
  }
  if (!e && ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) e = errno;
  }
  if (s >= 0) close(s);
  if (e) { close(fd); return throw_errno(env, e, "set TUN mtu/up"); }
  if (!wrap_new(env, self, KIND_TUN, fd)) return NULL;
  io_t *io;
  CHECK(napi_unwrap(env, self, (void **)&io));
  io->vnet = offload;
  napi_value v, off;
  CHECK(napi_get_boolean(env, offload, &off));
  CHECK(napi_set_named_property(env, self, "offload", off));
  CHECK(napi_create_string_utf8(env, ifr.ifr_name, NAPI_AUTO_LENGTH, &v));
  CHECK(napi_set_named_property(env, self, "name", v));
  return self;
}

static int get_ip6(napi_env env, napi_value v, struct in6_addr *out) {
  void *data;
  size_t len;
  bool is_buf = false;
  napi_is_buffer(env, v, &is_buf);
  if (!is_buf || napi_get_buffer_info(env, v, &data, &len) != napi_ok || len != 16) return -1;
  memcpy(out, data, 16);
  return 0;
}

// new RawIp6(protocol: number, bind: Buffer(16) | null, rcvbuf: number)
static napi_value raw_new(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], self;
  CHECK(napi_get_cb_info(env, info, &argc, argv, &self, NULL));
  int32_t proto = 4, rcvbuf = DEFAULT_RCVBUF;
  napi_valuetype t = napi_undefined;
  if (argc > 0) napi_get_value_int32(env, argv[0], &proto);
  if (argc > 2) napi_get_value_int32(env, argv[2], &rcvbuf);
  if (argc > 1) napi_typeof(env, argv[1], &t);
  struct sockaddr_in6 local;
  memset(&local, 0, sizeof local);
  local.sin6_family = AF_INET6;
  if (t != napi_undefined && t != napi_null && get_ip6(env, argv[1], &local.sin6_addr) < 0) {
    napi_throw_type_error(env, NULL, "tunio: bind address must be a 16-byte Buffer");
    return NULL;
  }
  int fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
  if (fd < 0) return throw_errno(env, errno, "socket(AF_INET6, SOCK_RAW)");
  // FORCE goes past net.core.rmem_max when we have CAP_NET_ADMIN; else best effort.
  if (rcvbuf > 0 && setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  if (t != napi_undefined && t != napi_null && bind(fd, (struct sockaddr *)&local, sizeof local) < 0) {
    int e = errno;
    close(fd);
    return throw_errno(env, e, "bind raw IPv6 socket");
  }
  return wrap_new(env, self, KIND_RAW, fd);
}

// start(cb): begins polling; cb gets each batch (see on_readable).
static napi_value io_start(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], self, name;
  io_t *io = unwrap_this(env, info, &argc, argv);
  if (!io) return NULL;
  CHECK(napi_get_cb_info(env, info, &argc, argv, &self, NULL));
  napi_valuetype t;
  if (argc < 1 || napi_typeof(env, argv[0], &t) != napi_ok || t != napi_function) {
    napi_throw_type_error(env, NULL, "tunio: start(cb) needs a function");
    return NULL;
  }
  if (io->fd < 0) return throw_errno(env, EBADF, "tunio: start after close");
  if (io->cb) napi_delete_reference(env, io->cb);
  CHECK(napi_create_reference(env, argv[0], 1, &io->cb));
  if (!io->self) CHECK(napi_create_reference(env, self, 1, &io->self));
  if (!io->actx) {
    CHECK(napi_create_string_utf8(env, "tunio", NAPI_AUTO_LENGTH, &name));
    CHECK(napi_async_init(env, self, name, &io->actx));
  }
  if (!io->many) {
    io->many = malloc((size_t)BATCH * SLOT);
    if (!io->many) return throw_errno(env, ENOMEM, "tunio: receive buffers");
  }
  if (!io->poll_open) {
    uv_loop_t *loop;
    CHECK(napi_get_uv_event_loop(env, &loop));
    int r = uv_poll_init(loop, &io->poll, io->fd);
    if (r < 0) return throw_errno(env, -r, "uv_poll_init");
    io->poll_open = 1;
    r = uv_poll_start(&io->poll, UV_READABLE, on_readable);
    if (r < 0) return throw_errno(env, -r, "uv_poll_start");
  }
  return NULL;
}

// drops(): what the addon dropped itself since the handle opened, by reason:
// { shortReads, badCsumOffsets, noBuffer }.
static napi_value io_drops(napi_env env, napi_callback_info info) {
  size_t argc = 0;
  io_t *io = unwrap_this(env, info, &argc, NULL);
  if (!io) return NULL;
  napi_value out, v;
  CHECK(napi_create_object(env, &out));
  const struct { const char *name; uint64_t n; } by[] = {
    { "shortReads", io->drops.short_reads },
    { "badCsumOffsets", io->drops.bad_csum_offsets },
    { "noBuffer", io->drops.no_buffer },
  };
  for (size_t i = 0; i < sizeof by / sizeof by[0]; i++) {
    CHECK(napi_create_double(env, (double)by[i].n, &v));
    CHECK(napi_set_named_property(env, out, by[i].name, v));
  }
  return out;
}

static napi_value io_close_js(napi_env env, napi_callback_info info) {
  size_t argc = 0;
  io_t *io = unwrap_this(env, info, &argc, NULL);
  if (io) io_close(io);
  return NULL;
}

// One packet into the TUN device, behind its virtio_net_hdr when the device
// has one (h NULL: a plain packet, checksums complete).
static ssize_t tun_put(io_t *io, const off_vnet_t *h, const void *data, size_t len) {
  if (!io->vnet) return write(io->fd, data, len);
  uint8_t hdr[OFF_VNET_LEN] = { 0 };
  if (h) off_vnet_write(hdr, h);
  struct iovec iov[2] = { { hdr, sizeof hdr }, { (void *)data, len } };
  ssize_t r = writev(io->fd, iov, 2);
  return r < 0 ? r : r - OFF_VNET_LEN;
}

static napi_value ret_int(napi_env env, ssize_t n) {
  napi_value v;
  napi_create_int32(env, n < 0 ? -errno : (int32_t)n, &v);
  return v;
}

// write(buf): one IPv4 packet into the TUN device; bytes written or -errno.
static napi_value io_write(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  io_t *io = unwrap_this(env, info, &argc, argv);
  if (!io) return NULL;
  void *data;
  size_t len;
  if (argc < 1 || napi_get_buffer_info(env, argv[0], &data, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "tunio: write(buf) needs a Buffer");
    return NULL;
  }
  if (io->fd < 0) { errno = EBADF; return ret_int(env, -1); }
  return ret_int(env, tun_put(io, NULL, data, len));
}

// writeMany(bufs: Buffer[]): IPv4 packets into the TUN device, runs of
// segments of one TCP flow joined into one write; the number of packets
// written (each segment of a joined run counts), or -errno when none was.
static napi_value io_write_many(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  io_t *io = unwrap_this(env, info, &argc, argv);
  if (!io) return NULL;
  uint32_t n = 0;
  bool is_array = false;
  if (argc < 1 || napi_is_array(env, argv[0], &is_array) != napi_ok || !is_array ||
      napi_get_array_length(env, argv[0], &n) != napi_ok) {
    napi_throw_type_error(env, NULL, "tunio: writeMany(bufs: Buffer[])");
    return NULL;
  }
  if (io->fd < 0) { errno = EBADF; return ret_int(env, -1); }
  off_run_t run = { .n = 0 };
  int written = 0, err = 0;
  for (uint32_t i = 0; i <= n; i++) {
    const uint8_t *p = NULL;
    size_t len = 0;
    if (i < n) {
      napi_value b;
      void *data;
      if (napi_get_element(env, argv[0], i, &b) != napi_ok || napi_get_buffer_info(env, b, &data, &len) != napi_ok) {
        napi_throw_type_error(env, NULL, "tunio: writeMany: bufs must hold Buffers");
        return NULL;
      }
      p = data;
      if (io->vnet && run.n > 0 && off_run_add(&run, p, len)) continue;
    }
    // The run so far goes, joined when it is more than one segment.
    if (run.n == 1 && tun_put(io, NULL, run.segs[0], run.lens[0]) >= 0) written++;
    else if (run.n == 1) err = errno;
    else if (run.n > 1) {
      off_vnet_t h;
      size_t joined = off_run_join(&run, io->wbuf, &h);
      if (tun_put(io, &h, io->wbuf, joined) >= 0) written += run.n;
      else err = errno;
    }
    run.n = 0;
    if (i == n) break;
    if (io->vnet && off_run_add(&run, p, len)) continue;  // may start the next run
    if (tun_put(io, NULL, p, len) >= 0) written++;
    else err = errno;
  }
  if (written == 0 && err) { errno = err; return ret_int(env, -1); }
  return ret_int(env, written);
}

// sendTo(dst: Buffer(16), buf): the kernel adds the IPv6 header; bytes or -errno.
static napi_value io_send_to(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  io_t *io = unwrap_this(env, info, &argc, argv);
  if (!io) return NULL;
  struct sockaddr_in6 to;
  memset(&to, 0, sizeof to);
  to.sin6_family = AF_INET6;
  void *data;
  size_t len;
  if (argc < 2 || get_ip6(env, argv[0], &to.sin6_addr) < 0 ||
      napi_get_buffer_info(env, argv[1], &data, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "tunio: sendTo(dst: Buffer(16), buf: Buffer)");
    return NULL;
  }
  if (io->fd < 0) { errno = EBADF; return ret_int(env, -1); }
  return ret_int(env, sendto(io->fd, data, len, 0, (struct sockaddr *)&to, sizeof to));
}

// sendMany(dsts: Buffer(16*n), bufs: Buffer[n]): sendmmsg for a batch. It
// stops at the first message the kernel refuses and says only how many went
// before it, so the rest goes in a new call that starts with the refused
// one: refused again, it is skipped with its errno. Every message is tried:
// the number sent, or -errno of the first refusal when none went.
static napi_value io_send_many(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  io_t *io = unwrap_this(env, info, &argc, argv);
  if (!io) return NULL;
  void *dsts;
  size_t dlen;
  uint32_t n = 0;
  bool is_array = false;
  if (argc < 2 || napi_get_buffer_info(env, argv[0], &dsts, &dlen) != napi_ok ||
      napi_is_array(env, argv[1], &is_array) != napi_ok || !is_array ||
      napi_get_array_length(env, argv[1], &n) != napi_ok || dlen < (size_t)n * 16) {
    napi_throw_type_error(env, NULL, "tunio: sendMany(dsts: Buffer(16*n), bufs: Buffer[])");
    return NULL;
  }
  if (io->fd < 0) { errno = EBADF; return ret_int(env, -1); }
  uint32_t at = 0;
  int sent = 0, refused = 0;
  while (at < n) {
    struct mmsghdr msgs[BATCH];
    struct iovec iov[BATCH];
    struct sockaddr_in6 to[BATCH];
    uint32_t k = n - at < BATCH ? n - at : BATCH;
    memset(msgs, 0, sizeof msgs);
    memset(to, 0, sizeof to);
    for (uint32_t i = 0; i < k; i++) {
      napi_value b;
      void *data;
      size_t len;
      if (napi_get_element(env, argv[1], at + i, &b) != napi_ok || napi_get_buffer_info(env, b, &data, &len) != napi_ok) {
        napi_throw_type_error(env, NULL, "tunio: sendMany: bufs must hold Buffers");
        return NULL;
      }
      to[i].sin6_family = AF_INET6;
      memcpy(&to[i].sin6_addr, (unsigned char *)dsts + (size_t)(at + i) * 16, 16);
      mmsg_set(&msgs[i], &iov[i], data, len, &to[i]);
    }
    int r;
    do r = sendmmsg(io->fd, msgs, k, MSG_DONTWAIT); while (r < 0 && errno == EINTR);
    if (r > 0) {
      sent += r;
      at += (uint32_t)r;
      continue;
    }
    // Message `at` is refused (r is 0 only for an empty vector, never here).
    if (!refused) refused = r < 0 ? errno : EIO;
    at++;
  }
  if (sent == 0 && refused) { errno = refused; return ret_int(env, -1); }
  return ret_int(env, sent);
}

// parseIp6(text): 16-byte Buffer, or null when inet_pton rejects it.
static napi_value parse_ip6(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  char text[INET6_ADDRSTRLEN + 1] = {0};
  unsigned char addr[16];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], text, sizeof text, NULL) != napi_ok ||
      inet_pton(AF_INET6, text, addr) != 1) {
    napi_get_null(env, &out);
    return out;
  }
  CHECK(napi_create_buffer_copy(env, 16, addr, NULL, &out));
  return out;
}

// offloadSegment(pkt: Buffer, gsoSize): the segments offload.c cuts an IPv4
// TCP super-packet into, or null when it cannot; offloadJoin(bufs: Buffer[]):
// { packet, gsoSize } when the whole list joins into one run, else null. For
// tests of offload.c from JavaScript: the daemons never call these.
static napi_value offload_segment(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], out;
  void *data;
  size_t len;
  uint32_t gso = 0;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || napi_get_buffer_info(env, argv[0], &data, &len) != napi_ok || napi_get_value_uint32(env, argv[1], &gso) != napi_ok) {
    napi_throw_type_error(env, NULL, "tunio: offloadSegment(pkt: Buffer, gsoSize: number)");
    return NULL;
  }
  int segs = gso > 0xffff ? -1 : off_tcp4_segments(data, len, (uint16_t)gso);
  if (segs < 0) { napi_get_null(env, &out); return out; }
  CHECK(napi_create_array_with_length(env, (size_t)segs, &out));
  for (int i = 0; i < segs; i++) {
    void *seg;
    napi_value b;
    CHECK(napi_create_buffer(env, off_tcp4_segment_len(data, (uint16_t)gso, i), &seg, &b));
    off_tcp4_segment_write(data, (uint16_t)gso, i, seg);
    CHECK(napi_set_element(env, out, (uint32_t)i, b));
  }
  return out;
}

// offloadRead(read: Buffer): what read_tun makes of one TUN read (a
// virtio_net_hdr, then the packet): { verdict, packets }, verdict one of
// 'whole', 'segments', 'short', 'bad-csum-offset', packets what JS would get.
static napi_value offload_read(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out, v, list;
  void *data;
  size_t len;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_get_buffer_info(env, argv[0], &data, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "tunio: offloadRead(read: Buffer)");
    return NULL;
  }
  uint8_t *slot = malloc(len ? len : 1);
  if (!slot) return throw_errno(env, ENOMEM, "tunio: offloadRead");
  memcpy(slot, data, len);
  off_vnet_t h;
  int segs = 0;
  off_read_t r = off_tun_read(slot, len, &h, &segs);
  static const char *names[] = { "whole", "segments", "short", "bad-csum-offset" };
  napi_status st = napi_create_object(env, &out);
  if (st == napi_ok) st = napi_create_string_utf8(env, names[r], NAPI_AUTO_LENGTH, &v);
  if (st == napi_ok) st = napi_set_named_property(env, out, "verdict", v);
  if (st == napi_ok) st = napi_create_array(env, &list);
  const uint8_t *pkt = slot + OFF_VNET_LEN;
  if (st == napi_ok && r == OFF_READ_WHOLE) {
    st = napi_create_buffer_copy(env, len - OFF_VNET_LEN, pkt, NULL, &v);
    if (st == napi_ok) st = napi_set_element(env, list, 0, v);
  }
  for (int i = 0; st == napi_ok && r == OFF_READ_SEGMENTS && i < segs; i++) {
    void *seg;
    st = napi_create_buffer(env, off_tcp4_segment_len(pkt, h.gso_size, i), &seg, &v);
    if (st == napi_ok) off_tcp4_segment_write(pkt, h.gso_size, i, seg);
    if (st == napi_ok) st = napi_set_element(env, list, (uint32_t)i, v);
  }
  if (st == napi_ok) st = napi_set_named_property(env, out, "packets", list);
  free(slot);
  if (st != napi_ok) {
    napi_throw_error(env, NULL, "tunio: offloadRead: N-API call failed");
    return NULL;
  }
  return out;
}

static napi_value offload_join(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out, v;
  uint32_t n = 0;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  napi_get_null(env, &out);
  if (argc < 1 || napi_get_array_length(env, argv[0], &n) != napi_ok || n == 0) return out;
  off_run_t run = { .n = 0 };
  for (uint32_t i = 0; i < n; i++) {
    napi_value b;
    void *data;
    size_t len;
    CHECK(napi_get_element(env, argv[0], i, &b));
    if (napi_get_buffer_info(env, b, &data, &len) != napi_ok || !off_run_add(&run, data, len)) return out;
  }
  uint8_t *buf = malloc(MAX_PACKET);
  if (!buf) return throw_errno(env, ENOMEM, "tunio: offloadJoin");
  off_vnet_t h;
  size_t len = off_run_join(&run, buf, &h);
  napi_value packet;
  napi_status st = napi_create_buffer_copy(env, len, buf, NULL, &packet);
  free(buf);
  if (st != napi_ok) return NULL;
  CHECK(napi_create_object(env, &out));
  CHECK(napi_set_named_property(env, out, "packet", packet));
  CHECK(napi_create_uint32(env, h.gso_size, &v));
  CHECK(napi_set_named_property(env, out, "gsoSize", v));
  return out;
}

static napi_value define(napi_env env, const char *name, napi_callback ctor,
                         napi_callback send, const char *send_name, napi_callback many, const char *many_name) {
  napi_property_descriptor props[] = {
    { "start", NULL, io_start, NULL, NULL, NULL, napi_default, NULL },
    { "close", NULL, io_close_js, NULL, NULL, NULL, napi_default, NULL },
    { "drops", NULL, io_drops, NULL, NULL, NULL, napi_default, NULL },
    { send_name, NULL, send, NULL, NULL, NULL, napi_default, NULL },
    { many_name, NULL, many, NULL, NULL, NULL, napi_default, NULL },
  };
  napi_value cls;
  CHECK(napi_define_class(env, name, NAPI_AUTO_LENGTH, ctor, NULL, sizeof props / sizeof props[0], props, &cls));
  return cls;
}

// nftCounter(family: 'ip' | 'ip6' | 'inet', table, name): the packets of a
// named nftables counter, or -errno (-ENOENT: no such counter).
static napi_value nft_counter(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  char family[8], table[512], name[512];  // longer than nftables allows: it refuses, not us
  size_t len;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 3 || napi_get_value_string_utf8(env, argv[0], family, sizeof family, &len) != napi_ok ||
      napi_get_value_string_utf8(env, argv[1], table, sizeof table, &len) != napi_ok ||
      napi_get_value_string_utf8(env, argv[2], name, sizeof name, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "tunio: nftCounter(family, table, name) needs three strings");
    return NULL;
  }
  napi_value v;
  CHECK(napi_create_double(env, (double)nft_counter_packets(family, table, name), &v));
  return v;
}

NAPI_MODULE_INIT() {
  napi_value tun = define(env, "Tun", tun_new, io_write, "write", io_write_many, "writeMany");
  napi_value raw = define(env, "RawIp6", raw_new, io_send_to, "sendTo", io_send_many, "sendMany");
  napi_value parse, batch;
  CHECK(napi_create_function(env, "parseIp6", NAPI_AUTO_LENGTH, parse_ip6, NULL, &parse));
  CHECK(napi_create_uint32(env, BATCH, &batch));
  CHECK(napi_set_named_property(env, exports, "Tun", tun));
  CHECK(napi_set_named_property(env, exports, "RawIp6", raw));
  CHECK(napi_set_named_property(env, exports, "parseIp6", parse));
  napi_value seg, join, rd;
  CHECK(napi_create_function(env, "offloadSegment", NAPI_AUTO_LENGTH, offload_segment, NULL, &seg));
  CHECK(napi_create_function(env, "offloadJoin", NAPI_AUTO_LENGTH, offload_join, NULL, &join));
  CHECK(napi_create_function(env, "offloadRead", NAPI_AUTO_LENGTH, offload_read, NULL, &rd));
  CHECK(napi_set_named_property(env, exports, "offloadSegment", seg));
  CHECK(napi_set_named_property(env, exports, "offloadJoin", join));
  CHECK(napi_set_named_property(env, exports, "offloadRead", rd));
  CHECK(napi_set_named_property(env, exports, "batchSize", batch));
  napi_value nft;
  CHECK(napi_create_function(env, "nftCounter", NAPI_AUTO_LENGTH, nft_counter, NULL, &nft));
  CHECK(napi_set_named_property(env, exports, "nftCounter", nft));
  return exports;
}
