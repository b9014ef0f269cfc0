// The host's own tools (ip, nft, sysctl, tcpdump) by absolute path. Not by
// PATH: under npx, node_modules/.bin comes first, and its `nft` is
// @vercel/nft, a file tracer that exits 0 having loaded no rule at all.
import { existsSync } from 'node:fs';

const SYSTEM_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const WHY: Record<string, string> = {
  nft: 'nftables (the PRR\'s fragment rule)',
  tcpdump: 'tcpdump (the captures)',
};

export function systemCommand(name: string): string {
  const path = SYSTEM_DIRS.map((d) => `${d}/${name}`).find((p) => existsSync(p));
  if (!path) throw new Error(`${name} is not installed: run scripts/setup-host.sh (it installs ${WHY[name] ?? name})`);
  return path;
}
