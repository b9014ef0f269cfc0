// Reads what the host uses (routes, name servers, pinned hosts), for the
// planner's overlap check. Routes on Docker's own bridges are Docker's
// business: it refuses overlapping pools itself.
import { $ } from 'zx';
import { readFileSync } from 'node:fs';
import { parseAddress } from '../model/ip';
import type { HostPrefix } from '../plan/host-overlap';

interface IpRoute {
  dst: string;
  dev?: string;
}

function routes(family: '-4' | '-6'): HostPrefix[] {
  try {
    const out = $.sync({ quiet: true })`ip -j ${family} route show table all`.stdout;
    return (JSON.parse(out) as IpRoute[])
      .filter((r) => r.dst !== 'default' && !/^(br-|docker0|veth|lo$)/.test(r.dev ?? '') && !r.dst.startsWith('fe80') && !r.dst.startsWith('ff00') && r.dst !== 'multicast')
      .filter((r) => parseAddress(r.dst.split('/')[0]!) !== undefined)
      .map((r) => ({ prefix: r.dst.includes('/') ? r.dst : `${r.dst}/${family === '-4' ? 32 : 128}`, what: `route on ${r.dev ?? '?'}` }));
  } catch {
    return []; // no iproute2: nothing to compare with
  }
}

function pinned(file: string, pick: (fields: string[]) => { addr?: string; what: string } | undefined): HostPrefix[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    const f = line.replace(/#.*/, '').trim().split(/\s+/);
    const got = pick(f);
    const a = got?.addr ? parseAddress(got.addr) : undefined;
    if (!got || !a || got.addr!.startsWith('127.') || got.addr === '::1') return [];
    return [{ prefix: `${got.addr}/${a.family === 4 ? 32 : 128}`, what: got.what }];
  });
}

export function hostPrefixes(): HostPrefix[] {
  return [
    ...routes('-4'),
    ...routes('-6'),
    ...pinned('/etc/resolv.conf', (f) => (f[0] === 'nameserver' ? { addr: f[1], what: 'name server' } : undefined)),
    ...pinned('/etc/hosts', (f) => (f.length > 1 ? { addr: f[0], what: `/etc/hosts ${f[1]}` } : undefined)),
  ];
}
