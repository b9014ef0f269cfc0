// The daemon's counters, where the orchestrator reads them: a JSON file
// rewritten atomically after something changed, at most once a second
// (the first change after a quiet second is written 200 ms on), and at exit.
// Nothing wakes the daemon while nothing changes: on this 2-core machine a
// Node timer's wake-up costs about 0.25 ms of CPU, and a hundred idle SMAPs
// writing every 200 ms took 0.3 of its 2 cores.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Counters, CountersJson, NamedSmapCounters, SmapIdentity } from '../core/counters';
import type { RangeTable } from '../core/range-table';
import type { KernelDrops } from './kernel-drops';

export { COUNTERS_FILE } from '../../kinds/paths';

/** Whose counters a file holds: a PRR's names the SMAP of each per-SMAP entry, in the core's order. */
export type CountersOwner = { readonly role: 'prr'; readonly smaps: readonly SmapIdentity[] } | { readonly role: 'smap' };

/** The PRR's owner: every SMAP of its range table, named as its configuration names it (CpeNName, from the topology). */
export const prrOwner = (table: RangeTable): CountersOwner => ({
  role: 'prr',
  smaps: table.smaps.map((s) => ({ name: s.name, ipv6: s.ipv6Text, ports: s.ports })),
});

/** What COUNTERS_FILE holds: the core's counters, each per-SMAP entry named (a SMAP's list is empty). */
export type CountersFileJson = Omit<CountersJson, 'smaps'> & {
  readonly role: CountersOwner['role'];
  readonly at: string;
  readonly smaps: readonly NamedSmapCounters[];
  readonly kernel: KernelDrops;
};

/** What the file says at `at`. */
export function countersFileJson(owner: CountersOwner, counters: CountersJson, kernel: KernelDrops, at: Date): CountersFileJson {
  const names = owner.role === 'prr' ? owner.smaps : [];
  // The PRR's range table and its counters are made from one list, so entry i is the same SMAP in both.
  if (names.length !== counters.smaps.length) throw new Error(`${counters.smaps.length} per-SMAP counters for ${names.length} SMAP names`);
  return {
    role: owner.role,
    at: at.toISOString(),
    ...counters,
    smaps: counters.smaps.map((c, i) => ({ ...names[i]!, ...c })),
    kernel,
  };
}

/** How soon a change is written, and how often at most. */
const COUNTERS_SETTLE_MS = 200;
const COUNTERS_EVERY_MS = 1000;

export class CountersFile {
  private timer: NodeJS.Timeout | undefined;
  private lastWrite = 0;

  constructor(
    private readonly path: string,
    private readonly counters: Counters,
    private readonly owner: CountersOwner,
    private readonly kernel: () => KernelDrops = () => ({ tunQueue: 0, rawSocket: 0 }),
    private readonly status: () => Record<string, unknown> = () => ({}),
  ) {
    mkdirSync(dirname(path), { recursive: true });
  }

  /**
   * Something changed: the counters, the status, or (the kernel's drops) a
   * queue the daemon is about to read. A drop in the TUN queue or the raw
   * socket means packets are waiting there, whose reading touches again.
   */
  touch(): void {
    if (this.timer) return;
    const wait = Math.max(COUNTERS_SETTLE_MS, this.lastWrite + COUNTERS_EVERY_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write();
    }, wait);
    this.timer.unref();
  }

  start(): void {
    this.write();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.write();
  }

  write(): void {
    this.lastWrite = Date.now();
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify({ ...countersFileJson(this.owner, this.counters.toJSON(), this.kernel(), new Date()), ...this.status() }) + '\n');
    renameSync(tmp, this.path);
  }
}
