#!/usr/bin/env bash
# Builds the aplus base image from Debian packages, without a registry:
# debootstrap into a folder, then docker import. The mirror is read from this
# machine's apt sources, so nothing here names a host.
# Usage: build-base.sh TAG
set -euo pipefail
tag=$1
here=$(cd "$(dirname "$0")" && pwd)
# trixie: its nodejs (20.x) is the host's Node major (package.json engines), so
# the programs bundled into the images run on the runtime the unit tests run
# on (docs/architecture.md, "Where programs run").
suite=${APLUS_SUITE:-trixie}

mirror=${APLUS_MIRROR:-}
if [ -z "$mirror" ]; then
  # deb822 sources (URIs: ...) first, then one-line sources (deb URL suite ...).
  mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}' | grep -v security | head -n1 || true)
fi
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /:\/\//) {print $i; exit}}' || true)
fi
[ -n "$mirror" ] || { echo "no Debian mirror found in /etc/apt/sources.list*; set APLUS_MIRROR" >&2; exit 3; }
command -v debootstrap >/dev/null || { echo "debootstrap is not installed (apt-get install debootstrap)" >&2; exit 3; }

include=$(grep -v '^#' "$here/packages.txt" | grep . | paste -sd, -)
root=$(mktemp -d /var/tmp/aplus-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "debootstrap $suite from $mirror with $include"
debootstrap --variant=minbase --include="$include" "$suite" "$root" "$mirror" | grep -E '^I: (Retrieving|Validating|Extracting|Installing|Configuring|Base system)' | awk 'NR % 25 == 1 || /Base system/'
# Slim it: documentation, locales and apt lists are never read in a node.
rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
echo "importing as $tag"
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["sleep", "infinity"]' \
  - "$tag" >/dev/null
echo "built $tag"
