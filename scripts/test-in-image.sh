#!/usr/bin/env bash
# The unit and golden tests of the programs bundled into images, run by the
# images' own Node (the base image's nodejs), not the host's: a runtime's
# behaviour (Node 18's fs/promises readFile stopped at 4 KB of a /proc file)
# shows only where the program runs. The repo is mounted read-write (ava keeps
# its cache in node_modules/.cache); the container has no network, and the
# capabilities and TUN device the probe and golden rigs need for their own
# namespaces inside it. tshark.test.ts stays on the host: tshark is the
# host's oracle and the images do not carry it (the cores it checks run here
# in golden.test.ts and rig.test.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
tags=$(node bin/aplus.js images build --json 2>/dev/null)
base=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).base)' "$tags")
echo "test-in-image: $(docker run --rm --network none "$base" node --version) in $base (host: $(node --version))" >&2
# The folders whose code the images carry: codec and cores (PRR, SMAP daemons),
# daemon (their counters file), traffic (generators, Internet servers), probes,
# measure (port sampler), io (tunio), pcap, node-setup (the steps every node runs, rendered to bash),
# kinds (their nftables documents, checked by the images' own nft), and the shell an event's exec
# waits at the gate with (event-script.test.ts, in the image's sh).
# A worktree whose node_modules links to another checkout's: that checkout's too, at the same path.
modules=$(readlink -f node_modules)
mounts=(-v "$PWD":/src)
[ "$modules" = "$PWD/node_modules" ] || mounts+=(-v "$modules":"$modules")
exec docker run --rm --network none \
  --cap-add NET_ADMIN --cap-add SYS_ADMIN --cap-add NET_RAW --device /dev/net/tun \
  --security-opt systempaths=unconfined --security-opt apparmor=unconfined \
  "${mounts[@]}" -w /src "$base" \
  node node_modules/ava/entrypoints/cli.mjs \
  'test/unit/codec/**/*.test.ts' 'test/unit/core/**/*.test.ts' 'test/unit/daemon/**/*.test.ts' 'test/unit/traffic/**/*.test.ts' \
  'test/unit/probes/**/*.test.ts' 'test/unit/measure/**/*.test.ts' 'test/unit/io/**/*.test.ts' \
  'test/unit/pcap/**/*.test.ts' 'test/unit/node-setup/**/*.test.ts' 'test/unit/kinds/**/*.test.ts' \
  'test/unit/scenario/event-script.test.ts' \
  'test/golden/**/*.test.ts' '!test/golden/tshark.test.ts'
