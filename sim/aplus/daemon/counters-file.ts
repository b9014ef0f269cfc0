// The daemon's counters, where the orchestrator reads them: a JSON file
// rewritten atomically at most every 200 ms while packets flow, every second
// otherwise (counts the daemon reads from the kernel change without packets), and at exit.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Counters, CountersJson } from '../core/counters';
import type { KernelDrops } from './kernel-drops';

/** What /run/aplus/counters.json holds. */
export type CountersFileJson = CountersJson & { readonly at: string; readonly kernel: KernelDrops };

export class CountersFile {
  private dirty = true;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly counters: Counters,
    private readonly kernel: () => KernelDrops = () => ({ tunQueue: 0, rawSocket: 0 }),
    private readonly status: () => Record<string, unknown> = () => ({}),
  ) {
    mkdirSync(dirname(path), { recursive: true });
  }

  touch(): void {
    this.dirty = true;
  }

  start(): void {
    this.write();
    let ticks = 0;
    this.timer = setInterval(() => (this.dirty || ++ticks % 5 === 0) && this.write(), 200);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.write();
  }

  write(): void {
    this.dirty = false;
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify({ at: new Date().toISOString(), ...this.counters.toJSON(), kernel: this.kernel(), ...this.status() }) + '\n');
    renameSync(tmp, this.path);
  }
}
