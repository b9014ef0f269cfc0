// The daemon's counters, where the orchestrator reads them: a JSON file
// rewritten atomically after something changed, at most once a second
// (the first change after a quiet second is written 200 ms on), and at exit.
// Nothing wakes the daemon while nothing changes: on this 2-core machine a
// Node timer's wake-up costs about 0.25 ms of CPU, and a hundred idle SMAPs
// writing every 200 ms took 0.3 of its 2 cores.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Counters, CountersJson } from '../core/counters';
import type { KernelDrops } from './kernel-drops';

/** Where a daemon keeps its counters in its node; everything that reads them reads this path. */
export const COUNTERS_FILE = '/run/aplus/counters.json';

/** What COUNTERS_FILE holds. */
export type CountersFileJson = CountersJson & { readonly at: string; readonly kernel: KernelDrops };

/** How soon a change is written, and how often at most. */
const COUNTERS_SETTLE_MS = 200;
const COUNTERS_EVERY_MS = 1000;

export class CountersFile {
  private timer: NodeJS.Timeout | undefined;
  private lastWrite = 0;

  constructor(
    private readonly path: string,
    private readonly counters: Counters,
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
    writeFileSync(tmp, JSON.stringify({ at: new Date().toISOString(), ...this.counters.toJSON(), kernel: this.kernel(), ...this.status() }) + '\n');
    renameSync(tmp, this.path);
  }
}
