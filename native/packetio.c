// packetio: exact bytes onto a link, for the golden rig (test/golden/rig).
//
// The rig feeds each daemon the packets of a golden case byte for byte,
// malformed ones too, which no socket of the IP stack would send as they
// are: an AF_PACKET socket transmits a frame on a link as given. On a veth
// the frame reaches the peer namespace's kernel as if a host had sent it;
// on a TUN device the packet goes to the reader of the device (the daemon),
// as the kernel's own routing would send it there.
//
// The socket is made inside the link's network namespace (setns on this
// thread, then back): a socket keeps the namespace it was made in, so one
// test process can feed every namespace of the rig without a process each.
// For tests only: the daemons never load this addon.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <arpa/inet.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <node_api.h>

#define ADDON "packetio"
#include "napi-errors.h"

// A packet socket bound to `ifname` in the namespace /run/netns/`netns`
// (empty: this one), and the link's index; -errno when not.
static int open_in(const char *netns, const char *ifname, int *ifindex) {
  int home = -1, there = -1, fd = -1, err = 0;
  if (netns[0]) {
    char path[300];
    snprintf(path, sizeof path, "/run/netns/%s", netns);
    home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    there = open(path, O_RDONLY | O_CLOEXEC);
    if (home < 0 || there < 0 || setns(there, CLONE_NEWNET) < 0) err = errno;
  }
  if (!err) {
    fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);  // protocol 0: sends only, receives nothing
    *ifindex = (int)if_nametoindex(ifname);
    if (fd < 0 || *ifindex == 0) err = errno ? errno : ENODEV;
  }
  // Back home whatever happened: the rest of Node runs on this thread.
  if (home >= 0 && setns(home, CLONE_NEWNET) < 0 && !err) err = errno;
  if (home >= 0) close(home);
  if (there >= 0) close(there);
  if (err) {
    if (fd >= 0) close(fd);
    return -err;
  }
  return fd;
}

// The ethertype a frame goes out with: an Ethernet frame's own, or for a
// link without a header (TUN) the IP version's.
static uint16_t ethertype_of(const uint8_t *p, size_t len, int ethernet) {
  if (ethernet) return len >= 14 ? (uint16_t)(p[12] << 8 | p[13]) : 0;
  return len > 0 && p[0] >> 4 == 6 ? ETH_P_IPV6 : ETH_P_IP;
}

// sendFrames(netns: string, ifname: string, frames: Buffer[], ethernet: boolean):
// transmits each frame on the link as it is (with its Ethernet header when
// `ethernet`, bare IP packets on a TUN); the number the kernel took. Throws
// when the link cannot be opened.
static napi_value send_frames(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4], out;
  char netns[256], ifname[IF_NAMESIZE];
  size_t got;
  uint32_t n = 0;
  bool ethernet = false, is_array = false;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 4 || napi_get_value_string_utf8(env, argv[0], netns, sizeof netns, &got) != napi_ok ||
      napi_get_value_string_utf8(env, argv[1], ifname, sizeof ifname, &got) != napi_ok ||
      napi_is_array(env, argv[2], &is_array) != napi_ok || !is_array ||
      napi_get_array_length(env, argv[2], &n) != napi_ok || napi_get_value_bool(env, argv[3], &ethernet) != napi_ok) {
    napi_throw_type_error(env, NULL, "packetio: sendFrames(netns: string, ifname: string, frames: Buffer[], ethernet: boolean)");
    return NULL;
  }
  int ifindex = 0;
  errno = 0;
  int fd = open_in(netns, ifname, &ifindex);
  if (fd < 0) return throw_errno(env, -fd, "packetio: open a packet socket on the link");
  int sent = 0;
  for (uint32_t i = 0; i < n; i++) {
    napi_value b;
    void *data;
    size_t len;
    if (napi_get_element(env, argv[2], i, &b) != napi_ok || napi_get_buffer_info(env, b, &data, &len) != napi_ok) {
      close(fd);
      napi_throw_type_error(env, NULL, "packetio: sendFrames: frames must hold Buffers");
      return NULL;
    }
    struct sockaddr_ll to;
    memset(&to, 0, sizeof to);
    to.sll_family = AF_PACKET;
    to.sll_ifindex = ifindex;
    to.sll_protocol = htons(ethertype_of(data, len, ethernet));
    if (sendto(fd, data, len, 0, (struct sockaddr *)&to, sizeof to) == (ssize_t)len) sent++;
  }
  close(fd);
  CHECK(napi_create_int32(env, sent, &out));
  return out;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  CHECK(napi_create_function(env, "sendFrames", NAPI_AUTO_LENGTH, send_frames, NULL, &fn));
  CHECK(napi_set_named_property(env, exports, "sendFrames", fn));
  return exports;
}
