// A scenario's traffic generators (docs/traffic.md), one per traffic item,
// each in its client in the foreground of one exec (foreground.ts), and
// their flow records.
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FlowRecord } from '../assert/measured-data';
import type { EventSink } from '../report/events';
import { PEERS } from '../roles/index';
import type { RunningTopology } from '../runtime/index';
import { eachNode } from './each-node';
import { runInForeground } from './foreground';
import type { TrafficItem } from './traffic-plan';

/**
 * Seconds past its planned end (counted from when its exec was launched)
 * before a generator is given up on: a safety net for a wedged one, never a
 * cut of a live one. A generator bounds itself: it cuts its own flows 5 s
 * after its profile ends (GENERATOR_DEFAULTS.graceS), counted from when it
 * really started, and a crash ends its exec at once. Starting is what takes
 * time: in CI's campus-100, 100 Node processes on two loaded cores started
 * up to about 80 s later than planned, and a 90 s net cut 66 of them off.
 */
export const GIVE_UP_S = 300;

const outFile = (it: TrafficItem) => `/var/log/aplus/flows-${it.index}.jsonl`;
const logFile = (it: TrafficItem) => `/var/log/aplus/generator-${it.index}.log`;

export function generatorCommand(it: TrafficItem, server: string): string {
  const json = Buffer.from(JSON.stringify(it.profile)).toString('base64');
  const profile = `/run/aplus/profile-${it.index}.json`;
  return [
    `mkdir -p /run/aplus /var/log/aplus && echo ${json} | base64 -d > ${profile} || exit 3`,
    `exec node /opt/aplus/generator.mjs --profile ${profile} --client ${it.client} --smap ${it.smap}` +
      ` --dns ${server} --server ${server} --peers ${PEERS.first}/${PEERS.count} --seed ${it.index + 1} --out ${outFile(it)} >${logFile(it)} 2>&1`,
  ].join('\n');
}

export interface GeneratorOptions {
  readonly signal?: AbortSignal;
  readonly emit: EventSink;
  /** Called with how many generators are over, each second and as each ends. */
  readonly progress: (done: number) => void;
  /** Seconds past its planned end before a generator is given up on (default GIVE_UP_S). */
  readonly giveUpS?: number;
}

/**
 * Starts every generator at its start (seconds from now) and resolves when all have ended, been given up on
 * (GIVE_UP_S past their planned end) or the run is aborted. A generator that
 * exits with an error is reported; its flows are collected all the same.
 */
export async function runGenerators(run: RunningTopology, items: readonly TrafficItem[], server: string, o: GeneratorOptions): Promise<void> {
  const giveUpS = o.giveUpS ?? GIVE_UP_S;
  const launched = Date.now();
  let done = 0;
  const tick = setInterval(() => o.progress(done), 1000);
  // One listener per generator on the run's signal: a hundred of them are no leak.
  if (o.signal) setMaxListeners(0, o.signal);
  try {
    await Promise.all(items.map(async (it) => {
      // Each exec is made at its generator's start, not all at once: with a hundred
      // made in the same second (CI's campus-100), the first generators began about 70 s late.
      await sleep(it.start * 1000, undefined, o.signal ? { signal: o.signal } : {}).catch(() => undefined);
      const deadline = launched + (it.start + it.duration + giveUpS) * 1000;
      const end = await runInForeground(run, it.client, generatorCommand(it, server), deadline, o.signal);
      if (end.how === 'deadline') o.emit({ kind: 'warning', message: `generator ${it.index} in ${it.client} given up on ${giveUpS} s past its planned end; see ${logFile(it)}` });
      else if (end.how === 'exited' && end.exitCode !== 0) o.emit({ kind: 'warning', message: `generator ${it.index} in ${it.client} exited ${end.exitCode}; see ${logFile(it)}` });
      o.progress(++done);
    }));
  } finally {
    clearInterval(tick);
  }
}

/** Every flow record the generators wrote. */
export async function collectFlows(run: RunningTopology, items: readonly TrafficItem[]): Promise<FlowRecord[]> {
  const texts = await eachNode(items, (it) => run.readFile(it.client, outFile(it)).then((b) => b.toString(), () => ''));
  const flows: FlowRecord[] = [];
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      let rec: FlowRecord & { record?: string };
      try {
        rec = JSON.parse(line) as FlowRecord & { record?: string };
      } catch {
        continue; // the last line of a generator given up on may be cut short
      }
      if (rec.record === 'flow') flows.push(rec);
    }
  }
  return flows;
}
