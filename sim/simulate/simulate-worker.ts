// A simulation worker's body (simulate.ts starts it): counts its block of
// users and posts the tally (four histograms of 512 KiB: copied, no matter).
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerTask } from './simulate';
import { tallyData, tallyUsers } from './tally';

const { task } = workerData as { task: WorkerTask };
parentPort!.postMessage(tallyData(tallyUsers(task.pop, task.from, task.to)));
