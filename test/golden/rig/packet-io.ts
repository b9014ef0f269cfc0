// The golden rig's way to put exact bytes on a link: native/packetio.c, a
// packet socket made inside the link's namespace. On a veth a frame reaches
// the peer's kernel as a host would have sent it; on a TUN device the packet
// goes to the device's reader, the daemon. Loaded only by the rig.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface PacketIoAddon {
  sendFrames(netns: string, ifname: string, frames: readonly Uint8Array[], ethernet: boolean): number;
}

const ADDON = fileURLToPath(new URL('../../../build/Release/packetio.node', import.meta.url));
let addon: PacketIoAddon | undefined;

function load(): PacketIoAddon {
  if (!addon) {
    if (!existsSync(ADDON)) throw new Error(`${ADDON} is missing: run \`npm ci\` (or \`npx node-gyp rebuild\`) to build the addons`);
    addon = createRequire(import.meta.url)(ADDON) as PacketIoAddon;
  }
  return addon;
}

/** An Ethernet frame around an IPv6 packet (ethertype 0x86dd). */
export function ethernetIpv6(dst: Uint8Array, src: Uint8Array, packet: Uint8Array): Uint8Array {
  const frame = new Uint8Array(14 + packet.length);
  frame.set(dst, 0);
  frame.set(src, 6);
  frame.set([0x86, 0xdd], 12);
  frame.set(packet, 14);
  return frame;
}

/**
 * Transmits `frames` on `ifname` in namespace `netns`, in order, as they are:
 * Ethernet frames on a veth, bare IP packets on a TUN. Throws when any is refused.
 */
export function sendFrames(netns: string, ifname: string, frames: readonly Uint8Array[], link: 'ethernet' | 'ip'): void {
  const sent = load().sendFrames(netns, ifname, frames, link === 'ethernet');
  if (sent !== frames.length) throw new Error(`${netns} ${ifname}: the kernel took ${sent} of ${frames.length} frames`);
}
