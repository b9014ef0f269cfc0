#!/usr/bin/env bash
# Sets up this machine for aplus, idempotently: the Docker engine (installed
# when absent and we are root, started when not running), debootstrap for the
# offline base image, and the npm packages. Exit 3 when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*" >&2; }
root() { [ "$(id -u)" = 0 ]; }
apt_updated=
apt_install() {
  root || { say "need root to install $*: run this script with sudo"; exit 3; }
  [ -n "$apt_updated" ] || { say "apt-get update"; apt-get update -qq; apt_updated=1; }
  say "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v dockerd >/dev/null || apt_install docker.io
command -v debootstrap >/dev/null || apt_install debootstrap
# The tunio test captures on a veth on the host (the nodes have their own tcpdump).
command -v tcpdump >/dev/null || apt_install tcpdump
# The HTML report's test opens reports in a real headless browser (Debian's chromium).
command -v chromium >/dev/null || apt_install chromium
# The golden tests decode every packet with an oracle independent of aplus (Debian's tshark).
command -v tshark >/dev/null || apt_install tshark
# The golden rig (test/golden/rig.test.ts, as root) loads the PRR's nftables rules in its namespaces.
[ -x /usr/sbin/nft ] || apt_install nftables

if ! docker info >/dev/null 2>&1; then
  root || { say "the Docker daemon is not running: start it (sudo systemctl start docker) or run this script with sudo"; exit 3; }
  if [ -d /run/systemd/system ] && systemctl start docker 2>/dev/null; then
    say "started docker with systemd"
  else
    say "starting dockerd (log: /var/log/aplus-dockerd.log)"
    nohup dockerd >/var/log/aplus-dockerd.log 2>&1 &
  fi
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { say "dockerd did not come up; see /var/log/aplus-dockerd.log"; tail -5 /var/log/aplus-dockerd.log >&2 || true; exit 3; }
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund >/dev/null
fi
say "ready: $(docker version --format 'Docker {{.Server.Version}}'), node $(node --version)"
