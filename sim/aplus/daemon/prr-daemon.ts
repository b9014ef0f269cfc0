// The PRR daemon (paper III-C1): reads its configuration in the paper's own
// format, then runs the stateless PRR core between its TUN device (the
// Internet side: the kernel routes the shared address into it) and its raw
// IPv6 socket (the SMAPs' side).
// Usage: node prr.mjs --config /etc/aplus/prr.conf [--tun prr0] [--counters FILE] [--pmtud [--icmp-rate PER_S] [--icmp-burst N]] [--icmp drop|translate]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ipv6ToText } from '../codec/address';
import { Counters } from '../core/counters';
import { paperConfigToRangeTableInput, parsePaperConfig } from '../core/paper-config';
import { PMTUD_POLICY, SEED_POLICY, type Policy } from '../core/policy';
import { LearnedMtus, tunnelMtuFor } from '../core/pmtu';
import { prrDownstream, prrUpstream } from '../core/prr-core';
import { compileRangeTable, describeRangeTable } from '../core/range-table';
import { DEFAULT_ICMP_LIMIT, TokenBucket } from '../core/token-bucket';
import { COUNTERS_FILE, prrOwner } from './counters-file';
import { PRR_FILES } from '../../kinds/paths';
import { runDaemon } from './run-daemon';
import { startTunnelLoop } from './tunnel-loop';
import { FRAGMENT_COUNTER, pollKernelDrops } from './nft-counter';

runDaemon('prr', () => {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: PRR_FILES.config },
      tun: { type: 'string', default: 'prr0' },
      counters: { type: 'string', default: COUNTERS_FILE },
      pmtud: { type: 'boolean', default: false },
      icmp: { type: 'string', default: 'drop' },
      'icmp-rate': { type: 'string', default: String(DEFAULT_ICMP_LIMIT.rate) },
      'icmp-burst': { type: 'string', default: String(DEFAULT_ICMP_LIMIT.burst) },
    },
  });
  const config = parsePaperConfig(readFileSync(values.config!, 'utf8'), values.config);
  const table = compileRangeTable(paperConfigToRangeTableInput(config));
  const counters = new Counters(table.smaps.length);
  for (const line of describeRangeTable(table)) process.stdout.write(`prr: ${line}\n`);
  const log = (l: string) => process.stdout.write(`${new Date().toISOString()} prr: ${l}\n`);
  // Tunnel PMTU discovery: MTUs learned per SMAP from Packet Too Big; DF packets that no longer fit are answered, within the ICMP rate limit.
  const limit = new TokenBucket({ rate: Number(values['icmp-rate']), burst: Number(values['icmp-burst']) });
  const pmtu = values.pmtud
    ? { mtus: new LearnedMtus(table.smaps.map((s) => s.mtu)), from: config.prrAddrV4, limit, now: () => performance.now() }
    : undefined;
  if (pmtu) log(`ICMP errors limited to ${limit.spec.rate}/s, bursts of ${limit.spec.burst}`);
  if (values.icmp !== 'drop' && values.icmp !== 'translate') throw new Error(`--icmp ${values.icmp}: expected drop or translate`);
  const policy: Policy = { ...(pmtu ? PMTUD_POLICY : SEED_POLICY), icmp: values.icmp };
  if (policy.icmp === 'translate') log('ICMP translated: echoes by identifier, errors by the packet they quote (RFC 7596 section 8)');
  const loop = startTunnelLoop({
    name: 'prr',
    tun: values.tun!,
    bind: ipv6ToText(config.prrAddrV6),
    counters,
    countersFile: values.counters!,
    owner: prrOwner(table),
    up: (ipv4) => prrDownstream(table, policy, counters, ipv4, pmtu),
    down: (src, inner) => prrUpstream(table, policy, counters, src, inner),
    log,
    ...(pmtu ? {
      onPacketTooBig: (ptb) => {
        const i = table.smapBySource(ptb.dst);
        const to = tunnelMtuFor(ptb.mtu);
        if (i >= 0 && pmtu.mtus.lower(i, to)) log(`tunnel MTU to ${table.smaps[i]!.name} -> ${to}: Packet Too Big, path MTU ${ptb.mtu}`);
      },
      status: () => ({ pmtud: Object.fromEntries(table.smaps.map((s, i) => [s.name, pmtu.mtus.of(i)])) }),
    } : {}),
  });
  // The kernel drops these before the daemon sees them: no packet touches the counters file.
  const fragments = pollKernelDrops(FRAGMENT_COUNTER, counters, 'ipv6-fragment', {
    log, touch: () => loop.touch(),
    first: 'IPv6 fragments of tunnel packets are dropped (prr.fragments: drop), counted by the kernel',
  });
  return { close: () => (fragments.close(), loop.close()) };
});
