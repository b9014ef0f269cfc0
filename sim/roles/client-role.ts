// A client takes its configuration from its SMAP's DHCP server with a real
// DHCP client (address, router, DNS, and the MTU when option 26 is sent).
export function clientScript(): string {
  return `
mkdir -p /run/aplus /var/log/aplus
ip -4 route flush dev lan
ip -4 addr flush dev lan
# One try (up to 60 s, while the SMAP's server may still be starting); dhclient-script applies option 26.
if ! dhclient -1 -v -pf /run/aplus/dhclient.pid -lf /run/aplus/dhclient.leases lan >/var/log/aplus/dhclient.log 2>&1; then
  echo "no DHCP lease on lan:" >&2; tail -n 5 /var/log/aplus/dhclient.log >&2; exit 1
fi
`;
}
