// nftcounter: reads a named nftables counter over netlink (NFT_MSG_GETOBJ),
// what `nft -j list counter FAMILY TABLE NAME` prints, without starting a
// process. The PRR reads its fragment counter every second; an `nft` child
// each time cost about 2% of this 2-core machine's CPU (process start-up,
// and page faults in the daemon after each fork).
#include "nftcounter.h"
#include <errno.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define ALIGN4(n) (((n) + 3u) & ~3u)

// Appends one attribute to the message; 0, or -1 when it does not fit.
static int put_attr(struct nlmsghdr *nh, size_t cap, uint16_t type, const void *data, size_t len) {
  size_t at = NLMSG_ALIGN(nh->nlmsg_len), need = NLA_HDRLEN + len;
  if (at + ALIGN4(need) > cap) return -1;
  struct nlattr *a = (struct nlattr *)((char *)nh + at);
  a->nla_type = type;
  a->nla_len = (uint16_t)need;
  memcpy((char *)a + NLA_HDRLEN, data, len);
  memset((char *)a + need, 0, ALIGN4(need) - need);
  nh->nlmsg_len = (uint32_t)(at + ALIGN4(need));
  return 0;
}

static uint64_t be64(const unsigned char *p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; i++) v = v << 8 | p[i];
  return v;
}

// The attribute of `type` among the attributes in data[0, len), or NULL
// (also when one of them does not fit).
static const struct nlattr *find_attr(const unsigned char *data, size_t len, uint16_t type) {
  for (size_t at = 0; at + NLA_HDRLEN <= len;) {
    const struct nlattr *a = (const struct nlattr *)(data + at);
    if (a->nla_len < NLA_HDRLEN || at + a->nla_len > len) return NULL;
    if ((a->nla_type & NLA_TYPE_MASK) == type) return a;
    at += ALIGN4(a->nla_len);
  }
  return NULL;
}

// The packets of the reply to our request, -errno from an error reply, or
// -EBADMSG for anything we cannot read.
static int64_t parse_reply(const unsigned char *buf, size_t len, uint32_t seq) {
  for (const struct nlmsghdr *nh = (const struct nlmsghdr *)buf; NLMSG_OK(nh, len); nh = NLMSG_NEXT(nh, len)) {
    if (nh->nlmsg_seq != seq) continue;
    if (nh->nlmsg_type == NLMSG_ERROR) {
      const struct nlmsgerr *e = NLMSG_DATA(nh);
      return nh->nlmsg_len >= NLMSG_LENGTH(sizeof *e) && e->error < 0 ? e->error : -EBADMSG;
    }
    if (NFNL_MSG_TYPE(nh->nlmsg_type) != NFT_MSG_NEWOBJ) continue;
    size_t head = NLMSG_LENGTH(sizeof(struct nfgenmsg));
    if (nh->nlmsg_len < head) return -EBADMSG;
    const struct nlattr *obj = find_attr((const unsigned char *)nh + head, nh->nlmsg_len - head, NFTA_OBJ_DATA);
    const struct nlattr *n = obj ? find_attr((const unsigned char *)obj + NLA_HDRLEN, obj->nla_len - NLA_HDRLEN, NFTA_COUNTER_PACKETS) : NULL;
    return n && n->nla_len >= NLA_HDRLEN + 8 ? (int64_t)be64((const unsigned char *)n + NLA_HDRLEN) : -EBADMSG;
  }
  return -EBADMSG;
}

int64_t nft_counter_packets(const char *family_name, const char *table, const char *name) {
  uint8_t family = strcmp(family_name, "ip") == 0     ? NFPROTO_IPV4
                   : strcmp(family_name, "ip6") == 0  ? NFPROTO_IPV6
                   : strcmp(family_name, "inet") == 0 ? NFPROTO_INET
                                                      : 0;
  if (!family) return -EINVAL;
  size_t tlen = strlen(table) + 1, nlen = strlen(name) + 1;
  if (tlen > NFT_TABLE_MAXNAMELEN || nlen > NFT_OBJ_MAXNAMELEN) return -ENAMETOOLONG;
  int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
  if (fd < 0) return -errno;
  // The kernel answers at once; the timeout only guards against a lost reply.
  struct timeval tv = { 1, 0 };
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

  union { struct nlmsghdr nh; unsigned char b[512]; } req;
  memset(&req, 0, sizeof req);
  static uint32_t seq;
  req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(struct nfgenmsg));
  req.nh.nlmsg_type = (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETOBJ;
  req.nh.nlmsg_flags = NLM_F_REQUEST;
  req.nh.nlmsg_seq = ++seq;
  struct nfgenmsg *g = NLMSG_DATA(&req.nh);
  g->nfgen_family = family;
  g->version = NFNETLINK_V0;
  const unsigned char type[4] = { 0, 0, 0, NFT_OBJECT_COUNTER };  // big-endian 32 bits
  if (put_attr(&req.nh, sizeof req, NFTA_OBJ_TABLE, table, tlen) < 0 ||
      put_attr(&req.nh, sizeof req, NFTA_OBJ_NAME, name, nlen) < 0 ||
      put_attr(&req.nh, sizeof req, NFTA_OBJ_TYPE, &type, sizeof type) < 0) {
    close(fd);
    return -ENAMETOOLONG;
  }
  struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
  int64_t r;
  if (sendto(fd, &req, req.nh.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0) {
    r = -errno;
  } else {
    unsigned char buf[8192];
    ssize_t got;
    do got = recv(fd, buf, sizeof buf, 0); while (got < 0 && errno == EINTR);
    r = got < 0 ? -errno : parse_reply(buf, (size_t)got, req.nh.nlmsg_seq);
  }
  close(fd);
  return r;
}
