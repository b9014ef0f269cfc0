// probeio: what the MTU probes (sim/probes, docs/probes.md) need from the
// kernel and Node's dgram and net cannot give: a connected UDP socket with a
// chosen IP_MTU_DISCOVER mode and IP_RECVERR, its error queue (where the
// kernel puts the ICMP "fragmentation needed" that announces the next hop's
// MTU), IP_MTU, and TCP_INFO's acknowledged byte count for a TCP socket.
//
// Unlike tunio, wait() BLOCKS the JS thread (poll with a timeout). That is on
// purpose and fine here: each probe is its own short-lived process doing one
// thing in a loop (sim/probes/probe-main.ts), with nothing else on its event
// loop. Do not load this addon into a daemon.
// Only N-API (version 8), like tunio: the same binary loads in Node 18 and 20.
#define _GNU_SOURCE
#include <errno.h>
#include <time.h>  // before linux/errqueue.h, which uses struct timespec
#include <linux/errqueue.h>
#include <linux/tcp.h>  // not <netinet/tcp.h>: glibc's tcp_info lacks tcpi_bytes_acked
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <node_api.h>

#define ADDON "probeio"
#include "napi-errors.h"

#define MAX_DATAGRAM 65536
/** How much of the offending datagram an error-queue entry hands back (enough for the probe header). */
#define MAX_QUOTE 64

typedef struct {
  int fd;
  unsigned char buf[MAX_DATAGRAM];
} probe_t;

static void probe_finalize(napi_env env, void *data, void *hint) {
  (void)env; (void)hint;
  probe_t *p = data;
  if (p->fd >= 0) close(p->fd);
  free(p);
}

static probe_t *unwrap_this(napi_env env, napi_callback_info info, size_t *argc, napi_value *argv) {
  napi_value self;
  void *data = NULL;
  if (napi_get_cb_info(env, info, argc, argv, &self, NULL) != napi_ok) return NULL;
  if (napi_unwrap(env, self, &data) != napi_ok) {
    napi_throw_type_error(env, NULL, "probeio: not a probeio handle");
    return NULL;
  }
  return data;
}

static int pmtudisc_of(const char *mode) {
  if (strcmp(mode, "do") == 0) return IP_PMTUDISC_DO;       // DF, and sends above the known PMTU fail with EMSGSIZE
  if (strcmp(mode, "probe") == 0) return IP_PMTUDISC_PROBE; // DF, and the known PMTU is ignored (only the device MTU counts)
  if (strcmp(mode, "want") == 0) return IP_PMTUDISC_WANT;   // DF below the known PMTU, fragments above it
  if (strcmp(mode, "dont") == 0) return IP_PMTUDISC_DONT;   // no DF
  return -1;
}

static void set_int(napi_env env, napi_value obj, const char *key, int64_t v) {
  napi_value n;
  napi_create_int64(env, v, &n);
  napi_set_named_property(env, obj, key, n);
}

static void set_str(napi_env env, napi_value obj, const char *key, const char *v) {
  napi_value s;
  napi_create_string_utf8(env, v, NAPI_AUTO_LENGTH, &s);
  napi_set_named_property(env, obj, key, s);
}

static napi_value result_of(napi_env env, const char *kind) {
  napi_value obj;
  if (napi_create_object(env, &obj) != napi_ok) return NULL;
  set_str(env, obj, "kind", kind);
  return obj;
}

// new UdpProbe(host: string, port: number, pmtudisc: 'do'|'probe'|'want'|'dont'):
// an IPv4 UDP socket with IP_MTU_DISCOVER set, IP_RECVERR on, connected to host:port.
static napi_value probe_new(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], self;
  CHECK(napi_get_cb_info(env, info, &argc, argv, &self, NULL));
  char host[INET_ADDRSTRLEN + 1] = {0}, mode[16] = {0};
  int32_t port = 0;
  struct sockaddr_in to;
  memset(&to, 0, sizeof to);
  to.sin_family = AF_INET;
  if (argc < 3 || napi_get_value_string_utf8(env, argv[0], host, sizeof host, NULL) != napi_ok ||
      inet_pton(AF_INET, host, &to.sin_addr) != 1 || napi_get_value_int32(env, argv[1], &port) != napi_ok ||
      port < 1 || port > 65535 || napi_get_value_string_utf8(env, argv[2], mode, sizeof mode, NULL) != napi_ok ||
      pmtudisc_of(mode) < 0) {
    napi_throw_type_error(env, NULL, "probeio: UdpProbe(host: IPv4 text, port: 1-65535, pmtudisc: 'do'|'probe'|'want'|'dont')");
    return NULL;
  }
  to.sin_port = htons((uint16_t)port);
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return throw_errno(env, errno, "socket(AF_INET, SOCK_DGRAM)");
  int disc = pmtudisc_of(mode), on = 1;
  const char *what = NULL;
  if (setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &disc, sizeof disc) < 0) what = "setsockopt IP_MTU_DISCOVER";
  else if (setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof on) < 0) what = "setsockopt IP_RECVERR";
  else if (connect(fd, (struct sockaddr *)&to, sizeof to) < 0) what = "connect";
  if (what) {
    int e = errno;
    close(fd);
    return throw_errno(env, e, what);
  }
  probe_t *p = malloc(sizeof *p);
  if (!p) { close(fd); return throw_errno(env, ENOMEM, "probeio"); }
  p->fd = fd;
  if (napi_wrap(env, self, p, probe_finalize, NULL, NULL) != napi_ok) {
    close(fd);
    free(p);
    napi_throw_error(env, NULL, "probeio: napi_wrap failed");
    return NULL;
  }
  napi_value v;
  CHECK(napi_create_int32(env, fd, &v));
  CHECK(napi_set_named_property(env, self, "fd", v));
  return self;
}

// send(buf): one datagram, never blocking; bytes sent or -errno (-EMSGSIZE when
// the kernel knows it does not fit: the device MTU, or with 'do' the path MTU).
static napi_value probe_send(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  probe_t *p = unwrap_this(env, info, &argc, argv);
  if (!p) return NULL;
  void *data;
  size_t len;
  if (argc < 1 || napi_get_buffer_info(env, argv[0], &data, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "probeio: send(buf) needs a Buffer");
    return NULL;
  }
  ssize_t n;
  if (p->fd < 0) { n = -1; errno = EBADF; }
  else do n = send(p->fd, data, len, MSG_DONTWAIT); while (n < 0 && errno == EINTR);
  CHECK(napi_create_int32(env, n < 0 ? -errno : (int32_t)n, &out));
  return out;
}

// One entry of the error queue, or NULL with errno (EAGAIN: the queue is empty).
// ICMP errors: { kind: 'icmp', type, code, info, errno, offender, quote };
// local ones (e.g. EMSGSIZE with 'do', info = the MTU): { kind: 'local', errno, info, quote }.
// quote: the start of the offending datagram's payload, as far as the ICMP quoted it.
static napi_value read_error_queue(napi_env env, probe_t *p) {
  unsigned char quote[MAX_QUOTE];
  char control[512];
  struct iovec iov = { quote, sizeof quote };
  struct msghdr msg;
  memset(&msg, 0, sizeof msg);
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  do n = recvmsg(p->fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT); while (n < 0 && errno == EINTR);
  if (n < 0) return NULL;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != IPPROTO_IP || c->cmsg_type != IP_RECVERR) continue;
    struct sock_extended_err ee;
    memcpy(&ee, CMSG_DATA(c), sizeof ee);
    int icmp = ee.ee_origin == SO_EE_ORIGIN_ICMP;
    napi_value obj = result_of(env, icmp ? "icmp" : "local"), q;
    if (!obj) return NULL;
    set_int(env, obj, "errno", ee.ee_errno);
    set_int(env, obj, "info", ee.ee_info);
    if (icmp) {
      set_int(env, obj, "type", ee.ee_type);
      set_int(env, obj, "code", ee.ee_code);
      struct sockaddr_in from;
      memcpy(&from, SO_EE_OFFENDER((struct sock_extended_err *)CMSG_DATA(c)), sizeof from);
      char text[INET_ADDRSTRLEN];
      if (from.sin_family == AF_INET && inet_ntop(AF_INET, &from.sin_addr, text, sizeof text)) set_str(env, obj, "offender", text);
    }
    size_t len = (size_t)n < sizeof quote ? (size_t)n : sizeof quote;
    if (napi_create_buffer_copy(env, len, quote, NULL, &q) == napi_ok) napi_set_named_property(env, obj, "quote", q);
    return obj;
  }
  // An entry without IP_RECVERR data: report it as a local error without details.
  napi_value obj = result_of(env, "local");
  if (obj) set_int(env, obj, "errno", 0);
  return obj;
}

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

// wait(ms): blocks up to ms for the next event on the socket, error queue first:
// { kind: 'icmp' | 'local', ... } (see read_error_queue), { kind: 'data', bytes },
// { kind: 'error', errno } (a pending socket error with nothing queued), or
// { kind: 'timeout' }. wait(0) only looks.
static napi_value probe_wait(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  probe_t *p = unwrap_this(env, info, &argc, argv);
  if (!p) return NULL;
  int32_t ms = 0;
  if (argc < 1 || napi_get_value_int32(env, argv[0], &ms) != napi_ok || ms < 0) {
    napi_throw_type_error(env, NULL, "probeio: wait(ms) needs a number of milliseconds, 0 or more");
    return NULL;
  }
  if (p->fd < 0) return throw_errno(env, EBADF, "probeio: wait after close");
  int64_t deadline = now_ms() + ms;
  for (;;) {
    napi_value ev = read_error_queue(env, p);
    if (ev) return ev;
    ssize_t n;
    do n = recv(p->fd, p->buf, sizeof p->buf, MSG_DONTWAIT); while (n < 0 && errno == EINTR);
    if (n >= 0) {
      napi_value obj = result_of(env, "data"), b;
      if (!obj) return NULL;
      CHECK(napi_create_buffer_copy(env, (size_t)n, p->buf, NULL, &b));
      CHECK(napi_set_named_property(env, obj, "bytes", b));
      return obj;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      // A pending error (sk_err) is handed to the first recv; its queue entry, if any, says more.
      int e = errno;
      ev = read_error_queue(env, p);
      if (ev) return ev;
      napi_value obj = result_of(env, "error");
      if (obj) set_int(env, obj, "errno", e);
      return obj;
    }
    int64_t left = deadline - now_ms();
    if (left <= 0) return result_of(env, "timeout");
    struct pollfd pfd = { p->fd, POLLIN, 0 };  // POLLERR (the error queue) is always reported
    if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR) return throw_errno(env, errno, "poll");
  }
}

// mtu(): IP_MTU, the path MTU the kernel knows for the connected destination, or -errno.
static napi_value probe_mtu(napi_env env, napi_callback_info info) {
  size_t argc = 0;
  napi_value out;
  probe_t *p = unwrap_this(env, info, &argc, NULL);
  if (!p) return NULL;
  int mtu = 0;
  socklen_t len = sizeof mtu;
  if (p->fd < 0) mtu = -EBADF;
  else if (getsockopt(p->fd, IPPROTO_IP, IP_MTU, &mtu, &len) < 0) mtu = -errno;
  CHECK(napi_create_int32(env, mtu, &out));
  return out;
}

// local(): the socket's own IPv4 address (the kernel chose it on connect), to find its interface.
static napi_value probe_local(napi_env env, napi_callback_info info) {
  size_t argc = 0;
  napi_value out;
  probe_t *p = unwrap_this(env, info, &argc, NULL);
  if (!p) return NULL;
  struct sockaddr_in me;
  socklen_t len = sizeof me;
  char text[INET_ADDRSTRLEN];
  if (p->fd < 0) return throw_errno(env, EBADF, "probeio: local after close");
  if (getsockname(p->fd, (struct sockaddr *)&me, &len) < 0) return throw_errno(env, errno, "getsockname");
  if (!inet_ntop(AF_INET, &me.sin_addr, text, sizeof text)) return throw_errno(env, errno, "inet_ntop");
  CHECK(napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &out));
  return out;
}

static napi_value probe_close(napi_env env, napi_callback_info info) {
  size_t argc = 0;
  probe_t *p = unwrap_this(env, info, &argc, NULL);
  if (p && p->fd >= 0) { close(p->fd); p->fd = -1; }
  return NULL;
}

// tcpInfo(fd): a few TCP_INFO fields of a TCP socket Node opened:
// { state, pmtu, bytesAcked, bytesReceived, retransmits, totalRetrans }.
// bytesAcked counts what the peer acknowledged (RFC 4898), unlike Node's
// bytesWritten, which counts what was handed to the kernel.
static napi_value tcp_info(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t fd = -1;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || napi_get_value_int32(env, argv[0], &fd) != napi_ok || fd < 0) {
    napi_throw_type_error(env, NULL, "probeio: tcpInfo(fd) needs a file descriptor");
    return NULL;
  }
  struct tcp_info ti;
  memset(&ti, 0, sizeof ti);
  socklen_t len = sizeof ti;
  if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0) return throw_errno(env, errno, "getsockopt TCP_INFO");
  napi_value obj;
  CHECK(napi_create_object(env, &obj));
  set_int(env, obj, "state", ti.tcpi_state);
  set_int(env, obj, "pmtu", ti.tcpi_pmtu);
  set_int(env, obj, "bytesAcked", (int64_t)ti.tcpi_bytes_acked);
  set_int(env, obj, "bytesReceived", (int64_t)ti.tcpi_bytes_received);
  set_int(env, obj, "retransmits", ti.tcpi_retransmits);
  set_int(env, obj, "totalRetrans", ti.tcpi_total_retrans);
  return obj;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
    { "send", NULL, probe_send, NULL, NULL, NULL, napi_default, NULL },
    { "wait", NULL, probe_wait, NULL, NULL, NULL, napi_default, NULL },
    { "mtu", NULL, probe_mtu, NULL, NULL, NULL, napi_default, NULL },
    { "local", NULL, probe_local, NULL, NULL, NULL, napi_default, NULL },
    { "close", NULL, probe_close, NULL, NULL, NULL, napi_default, NULL },
  };
  napi_value cls, tcp;
  CHECK(napi_define_class(env, "UdpProbe", NAPI_AUTO_LENGTH, probe_new, NULL, 5, props, &cls));
  CHECK(napi_create_function(env, "tcpInfo", NAPI_AUTO_LENGTH, tcp_info, NULL, &tcp));
  CHECK(napi_set_named_property(env, exports, "UdpProbe", cls));
  CHECK(napi_set_named_property(env, exports, "tcpInfo", tcp));
  return exports;
}
