// A population's peaks, counted in worker threads: each worker plans and
// counts a contiguous block of users and sends back its tally; the tallies
// add up (tally.ts). One worker, or a small population, runs in this thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Population } from './population';
import { emptyTally, mergeTally, tallyOf, tallyUsers, type Tally, type TallyData } from './tally';

export interface SimulateOptions {
  /** Threads to count in; default: one per core. */
  readonly workers?: number;
}

/** Below this many users a worker costs more to start (about 100 ms with tsx) than it saves. */
const USERS_PER_WORKER_AT_LEAST = 20_000;

export async function simulatePopulation(pop: Population, o: SimulateOptions = {}): Promise<Tally> {
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), Math.ceil(pop.users / USERS_PER_WORKER_AT_LEAST)));
  if (workers === 1) return tallyUsers(pop, 0, pop.users);
  const blocks = Array.from({ length: workers }, (_, w) => [Math.floor((pop.users * w) / workers), Math.floor((pop.users * (w + 1)) / workers)] as const);
  const tallies = await Promise.all(blocks.map(([from, to]) => inWorker(pop, from, to)));
  return tallies.reduce(mergeTally, emptyTally(pop.entries.length));
}

export interface WorkerTask {
  readonly pop: Population;
  readonly from: number;
  readonly to: number;
}

/**
 * The worker loads TypeScript through tsx as bin/aplus.js does; a worker does
 * not inherit the loader hooks of the thread that starts it.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

function inWorker(pop: Population, from: number, to: number): Promise<Tally> {
  const task: WorkerTask = { pop, from, to };
  const worker = new Worker(BOOT, {
    eval: true,
    workerData: { tsx: import.meta.resolve('tsx/esm/api'), entry: new URL('./simulate-worker.ts', import.meta.url).href, task },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (d: TallyData) => resolve(tallyOf(d)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a simulation worker exited (${code}) before sending its tally`)));
  });
}
