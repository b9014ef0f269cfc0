// nftcounter: a named nftables counter read over netlink (see nftcounter.c).
#ifndef APLUS_NFTCOUNTER_H
#define APLUS_NFTCOUNTER_H
#include <stdint.h>

// The packets counted so far by counter `name` of table `table` in `family`
// ("ip", "ip6" or "inet", as nft spells them), or -errno: -ENOENT when there
// is no such table or counter, -EPERM without CAP_NET_ADMIN, -EINVAL for
// another family, -ENAMETOOLONG for names nftables could not hold.
int64_t nft_counter_packets(const char *family, const char *table, const char *name);

#endif
