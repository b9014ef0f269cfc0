// The SMAP daemon (the paper's modified Linksys, Appendix C): the kernel
// SNATs the LAN to its shared address and ports onto its TUN device; this
// carries those packets to the PRR inside IPv6 and brings the PRR's back.
// Usage: node smap.mjs --shared A --prr V6 --bind V6 --ports PORTS [--tun tnl0] [--counters FILE] [--pmtud --wan IFACE] [--count-invalid]
// PORTS: FIRST-LAST, or "psid ID/LENGTH offset A" (port-set.ts).
import { parseArgs } from 'node:util';
import { Counters } from '../core/counters';
import { SEED_POLICY } from '../core/policy';
import { parsePortSet } from '../core/port-set';
import { smapConfig, smapDownstream, smapUpstream } from '../core/smap-core';
import { COUNTERS_FILE } from './counters-file';
import { runDaemon } from './run-daemon';
import { startSmapPmtud } from './smap-pmtud';
import { startTunnelLoop, type TunnelLoop } from './tunnel-loop';
import { INVALID_COUNTER, pollKernelDrops } from './nft-counter';

runDaemon('smap', () => {
  const { values } = parseArgs({
    options: {
      shared: { type: 'string' },
      prr: { type: 'string' },
      bind: { type: 'string' },
      ports: { type: 'string' },
      tun: { type: 'string', default: 'tnl0' },
      counters: { type: 'string', default: COUNTERS_FILE },
      pmtud: { type: 'boolean', default: false },
      wan: { type: 'string', default: 'wan' },
      'count-invalid': { type: 'boolean', default: false },
    },
  });
  const ports = parsePortSet(values.ports ?? '');
  if (!values.shared || !values.prr || !values.bind || typeof ports === 'string') {
    throw new Error(`usage: smap --shared IPV4 --prr IPV6 --bind IPV6 --ports FIRST-LAST|"psid ID/LENGTH offset A"${typeof ports === 'string' ? ` (${ports})` : ''}`);
  }
  const cfg = smapConfig({ shared: values.shared, prr: values.prr, ...ports });
  const counters = new Counters();
  const log = (l: string) => process.stdout.write(`${new Date().toISOString()} smap: ${l}\n`);
  // The first look at the link runs before the loop exists; its file starts with that status.
  let loop: TunnelLoop | undefined;
  const pmtud = values.pmtud ? startSmapPmtud({ tun: values.tun!, wan: values.wan!, prr: cfg.prr, log, changed: () => loop?.touch() }) : undefined;
  loop = startTunnelLoop({
    name: 'smap',
    tun: values.tun!,
    bind: values.bind,
    counters,
    countersFile: values.counters!,
    owner: { role: 'smap' },
    up: (ipv4) => smapUpstream(cfg, SEED_POLICY, counters, ipv4),
    down: (src, inner) => smapDownstream(cfg, SEED_POLICY, counters, src, inner),
    log,
    ...(pmtud ? { onPacketTooBig: (ptb) => pmtud.onPacketTooBig(ptb), status: () => ({ pmtud: pmtud.status() }) } : {}),
  });
  // The kernel drops them (dropInvalid); the counter is read into this daemon's drops, as the PRR's fragments are.
  const invalid = values['count-invalid']
    ? pollKernelDrops(INVALID_COUNTER, counters, 'ct-invalid', {
      log, touch: () => loop?.touch(),
      first: 'a packet conntrack calls invalid (not NATed) was dropped before the tunnel, counted by the kernel',
    })
    : undefined;
  return { close: () => (invalid?.close(), pmtud?.close(), loop?.close()) };
});
