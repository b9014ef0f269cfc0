// Runs a golden case through the cores, with the kernels' parts modelled
// (kernel-model.ts): what the daemons would write, each packet's verdict,
// and the counters of each node. The expected side comes from the case file
// alone; this is the side under test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ipv4ToText, ipv6ToText } from '../../sim/aplus/codec';
import {
  compileRangeTable,
  Counters,
  isPsidSet,
  LearnedMtus,
  PMTUD_POLICY,
  TokenBucket,
  paperConfigToRangeTableInput,
  parsePaperConfig,
  prrDownstream,
  prrUpstream,
  SEED_POLICY,
  smapConfig,
  smapDownstream,
  smapUpstream,
  type PaperConfig,
  type Policy,
  type PortSet,
  type PrrPmtu,
  type RangeTable,
} from '../../sim/aplus/core';
import type { GoldenCase, GoldenNode } from './case-file';
import { forwarded, TunnelKernel, tunnelSend } from './kernel-model';

/** The PRR of every case: prr.conf, the paper's two rooms (also what the rig's PRR daemon reads). */
export const PRR_CONF = fileURLToPath(new URL('prr.conf', import.meta.url));
export const GOLDEN_CONFIG: PaperConfig = parsePaperConfig(readFileSync(PRR_CONF, 'utf8'), 'test/golden/prr.conf');
const table: RangeTable = compileRangeTable(paperConfigToRangeTableInput(GOLDEN_CONFIG));

/** A SMAP's daemon arguments for room 1 or 2, as the SMAP role gives them. */
export function smapArgs(room: number): { shared: string; prr: string; bind: string; ports: PortSet } {
  const cpe = GOLDEN_CONFIG.cpes[room - 1];
  if (!cpe) throw new Error(`prr.conf has no Cpe${room}`);
  const ports: PortSet = isPsidSet(cpe) ? { psid: cpe.psid } : { first: cpe.first, last: cpe.last };
  return { shared: ipv4ToText(cpe.shared ?? GOLDEN_CONFIG.shared), prr: ipv6ToText(GOLDEN_CONFIG.prrAddrV6), bind: ipv6ToText(cpe.addrV6), ports };
}

export interface CaseRun {
  /** One per input packet, in the case file's words. */
  readonly verdicts: readonly string[];
  /** What came out, in order. */
  readonly outputs: readonly Uint8Array[];
  readonly counters: ReadonlyMap<GoldenNode, Counters>;
}

const said = (v: { kind: string; reason?: string }) => (v.kind === 'drop' ? `drop ${v.reason}` : v.kind);

function runPrr(c: GoldenCase): CaseRun {
  const counters = new Counters(table.smaps.length);
  const kernel = new TunnelKernel('drop');
  const verdicts: string[] = [];
  const outputs: Uint8Array[] = [];
  // The case's packets arrive at once: the clock stands still, only a burst passes.
  const pmtu: PrrPmtu | undefined = c.pmtud
    ? { mtus: new LearnedMtus(table.smaps.map((s) => s.mtu)), from: GOLDEN_CONFIG.prrAddrV4, limit: new TokenBucket(c.pmtud), now: () => 0 }
    : undefined;
  const policy: Policy = { ...(pmtu ? PMTUD_POLICY : SEED_POLICY), icmp: c.icmp ?? 'drop' };
  const down = (ipv4: Uint8Array): string => {
    const v = prrDownstream(table, policy, counters, ipv4, pmtu);
    if (v.kind === 'encap') {
      outputs.push(tunnelSend(GOLDEN_CONFIG.prrAddrV6, v.dst, v.inner));
      return `encap smap ${v.smap}`;
    }
    if (v.kind === 'reply') {
      outputs.push(v.packet);
      return 'reply';
    }
    return said(v);
  };
  for (const p of c.packets) {
    if (c.path === 'prr-downstream') {
      verdicts.push(down(p.input));
      continue;
    }
    const got = kernel.receive(p.input);
    if (got.kind === 'drop') {
      // The daemon sets this from the kernel's nftables counter.
      counters.countDrop(got.reason);
      verdicts.push(`drop ${got.reason}`);
      continue;
    }
    if (got.kind === 'held') throw new Error('the PRR drops fragments before reassembly: nothing is held');
    const v = prrUpstream(table, { ...SEED_POLICY, icmp: c.icmp ?? 'drop' }, counters, got.src, got.payload);
    if (v.kind !== 'forward' || c.path === 'prr-upstream') {
      if (v.kind === 'forward') outputs.push(v.packet);
      verdicts.push(said(v));
      continue;
    }
    // Hairpin: the kernel routes the shared addresses back into the PRR's TUN.
    if (table.sharedIndex(v.packet, 16) < 0) throw new Error(`${p.what}: a hairpin case must be to a shared address`);
    verdicts.push(down(forwarded(v.packet)));
  }
  return { verdicts, outputs, counters: new Map([['prr', counters]]) };
}

function runSmap(c: GoldenCase): CaseRun {
  const room = c.room!;
  const args = smapArgs(room);
  const cfg = smapConfig({ shared: args.shared, prr: args.prr, ...args.ports });
  const self = GOLDEN_CONFIG.cpes[room - 1]!.addrV6;
  const counters = new Counters();
  const kernel = new TunnelKernel('reassemble');
  const verdicts: string[] = [];
  const outputs: Uint8Array[] = [];
  for (const p of c.packets) {
    if (c.path === 'smap-upstream') {
      const v = smapUpstream(cfg, SEED_POLICY, counters, p.input);
      if (v.kind === 'encap') outputs.push(tunnelSend(self, v.dst, v.inner));
      verdicts.push(said(v));
      continue;
    }
    const got = kernel.receive(p.input);
    if (got.kind !== 'deliver') {
      verdicts.push(got.kind === 'held' ? 'held' : `drop ${got.reason}`);
      continue;
    }
    const v = smapDownstream(cfg, SEED_POLICY, counters, got.src, got.payload);
    if (v.kind === 'deliver') outputs.push(v.packet);
    verdicts.push(said(v));
  }
  return { verdicts, outputs, counters: new Map([['smap', counters]]) };
}

export function runGoldenCase(c: GoldenCase): CaseRun {
  return c.path.startsWith('prr') ? runPrr(c) : runSmap(c);
}
