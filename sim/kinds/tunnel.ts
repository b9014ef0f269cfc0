// What both tunnel ends (PRR, SMAP) do to their TUN device: the tunnel
// carries IPv4 only, so nothing IPv6 (router solicitations, MLD) may go
// into it.
import type { Step } from '../node-setup/steps';
import { addChain, addRule, addTable, DROP, match, meta, nftDocument, PRIORITY } from './nft';

export const TUN_GUARD_TABLE = 'aplus_tun';

export function tunDeviceSteps(tun: string, mtu?: number): Step[] {
  return [
    {
      nft: nftDocument(
        addTable('ip6', TUN_GUARD_TABLE),
        addChain({ family: 'ip6', table: TUN_GUARD_TABLE, name: 'out', type: 'filter', hook: 'output', prio: PRIORITY.filter, policy: 'accept' }),
        addRule('ip6', TUN_GUARD_TABLE, 'out', [match(meta('oifname'), tun), DROP]),
      ),
    },
    { run: ['ip', 'tuntap', 'add', 'dev', tun, 'mode', 'tun'] },
    // No link-local address: the kernel sends no IPv6 into the tunnel.
    { run: ['ip', 'link', 'set', 'dev', tun, 'addrgenmode', 'none'] },
    { run: ['ip', 'link', 'set', 'dev', tun, ...(mtu === undefined ? [] : ['mtu', String(mtu)]), 'txqueuelen', '1000', 'up'] },
  ];
}
