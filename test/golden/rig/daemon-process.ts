// A PRR or SMAP daemon started in a rig namespace the way the roles start it
// in a container (the same argv, with the host's node and tsx in place of
// the bundle), and its counters file as it writes it.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountersJson } from '../../../sim/aplus/core/counters';
import { formatPortSet } from '../../../sim/aplus/core/port-set';
import { READY_MARK } from '../../../sim/aplus/daemon/run-daemon';
import type { IcmpLimit } from '../case-file';
import { PRR_CONF, smapArgs } from '../run-case';
import { LINK, type GoldenRig, type RigNs } from './netns-rig';

export interface RigDaemon {
  readonly name: string;
  /** The counters file as last written. */
  counters(): CountersJson;
  /** What the daemon printed, for messages. */
  log(): string;
  /** SIGTERM, and waits for it to exit. */
  stop(): Promise<void>;
}

/** A PRR with `pmtud` answers too-big packets, within that ICMP limit (its daemon's --pmtud, --icmp-rate, --icmp-burst); with `icmp`, it translates ICMP (--icmp translate). */
export type DaemonKind = { readonly role: 'prr'; readonly pmtud?: IcmpLimit; readonly icmp?: 'translate' } | { readonly role: 'smap'; readonly room: 1 | 2 };

function argv(kind: DaemonKind, counters: string): string[] {
  if (kind.role === 'prr') {
    const pmtud = kind.pmtud ? ['--pmtud', '--icmp-rate', String(kind.pmtud.rate), '--icmp-burst', String(kind.pmtud.burst)] : [];
    return ['sim/aplus/daemon/prr-daemon.ts', '--config', PRR_CONF, '--tun', LINK.prrTun, '--counters', counters, ...pmtud, ...(kind.icmp ? ['--icmp', kind.icmp] : [])];
  }
  const a = smapArgs(kind.room);
  return ['sim/aplus/daemon/smap-daemon.ts', '--shared', a.shared, '--prr', a.prr, '--bind', a.bind, '--ports', formatPortSet(a.ports), '--tun', LINK.smapTun, '--counters', counters];
}

export async function startDaemon(rig: GoldenRig, kind: DaemonKind): Promise<RigDaemon> {
  const name: RigNs = kind.role === 'prr' ? 'prr' : kind.room === 1 ? 'smap1' : 'smap2';
  const file = join(rig.dir, `${name}.json`);
  const child = rig.spawn(name, [process.execPath, '--import', 'tsx', ...argv(kind, file)]);
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} daemon not ready in 20 s:\n${out}`)), 20_000);
    child.stdout?.on('data', () => out.includes(READY_MARK) && (clearTimeout(timer), resolve()));
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`${name} daemon exited ${code}:\n${out}`))));
  });
  return {
    name,
    counters: () => JSON.parse(readFileSync(file, 'utf8')) as CountersJson,
    log: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
