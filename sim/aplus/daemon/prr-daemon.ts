// The PRR daemon (paper III-C1): reads its configuration in the paper's own
// format, then runs the stateless PRR core between its TUN device (the
// Internet side: the kernel routes the shared address into it) and its raw
// IPv6 socket (the SMAPs' side).
// Usage: node prr.mjs --config /etc/aplus/prr.conf [--tun prr0] [--counters FILE]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ipv6ToText } from '../codec/address';
import { Counters } from '../core/counters';
import { paperConfigToRangeTableInput, parsePaperConfig } from '../core/paper-config';
import { SEED_POLICY } from '../core/policy';
import { prrDownstream, prrUpstream } from '../core/prr-core';
import { compileRangeTable, describeRangeTable } from '../core/range-table';
import { runDaemon } from './run-daemon';
import { startTunnelLoop } from './tunnel-loop';

runDaemon('prr', () => {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: '/etc/aplus/prr.conf' },
      tun: { type: 'string', default: 'prr0' },
      counters: { type: 'string', default: '/run/aplus/counters.json' },
    },
  });
  const config = parsePaperConfig(readFileSync(values.config!, 'utf8'), values.config);
  const table = compileRangeTable(paperConfigToRangeTableInput(config));
  const counters = new Counters(table.smaps.length);
  for (const line of describeRangeTable(table)) process.stdout.write(`prr: ${line}\n`);
  return startTunnelLoop({
    name: 'prr',
    tun: values.tun!,
    bind: ipv6ToText(config.prrAddrV6),
    counters,
    countersFile: values.counters!,
    up: (ipv4) => prrDownstream(table, SEED_POLICY, counters, ipv4),
    down: (src, inner) => prrUpstream(table, SEED_POLICY, counters, src, inner),
  });
});
