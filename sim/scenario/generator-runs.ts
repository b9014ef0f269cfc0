// A scenario's traffic generators (docs/traffic.md), one per traffic item,
// each in its client in the foreground of one exec (foreground.ts), and
// their flow records.
import type { FlowRecord } from '../assert/measured-data';
import type { EventSink } from '../report/events';
import { PEERS, PROGRAMS, SCENARIO_FILES, LOG_DIR, RUN_DIR } from '../kinds/index';
import type { RunningTopology } from '../runtime/index';
import pLimit from 'p-limit';
import { COLLECT_CONCURRENCY, eachNode } from './each-node';
import type { TimedFlow } from './flow-lateness';
import { runInForeground } from './foreground';
import type { TrafficItem } from './traffic-plan';

/**
 * Seconds past its planned end (t0 + its start + its profile's length)
 * before a generator is given up on: a safety net for a wedged one, never a
 * cut of a live one. A generator bounds itself: it cuts its own flows 5 s
 * after its profile ends (GENERATOR_DEFAULTS.graceS), counted from when its
 * profile really began (its --start-at, or later if it started late), and a
 * crash ends its exec at once. Starting is what takes
 * time: in CI's campus-100, 100 Node processes on two loaded cores started
 * up to about 80 s later than planned, and a 90 s net cut 66 of them off.
 */
export const GIVE_UP_S = 300;

const outFile = (it: TrafficItem) => SCENARIO_FILES.flows(it.index);
const logFile = (it: TrafficItem) => SCENARIO_FILES.generatorLog(it.index);

/**
 * Seconds between starting the generators' programs and the traffic's time 0:
 * a Node program takes a fraction of a CPU-second to start, and a hundred
 * starting while the first flows ran (CI's campus-100) timed out 258 of them.
 */
export const warmUpSeconds = (generators: number): number => (generators === 0 ? 0 : Math.min(90, 2 + 0.6 * generators));

export function generatorCommand(it: TrafficItem, server: string, startAt: number): string {
  const json = Buffer.from(JSON.stringify(it.profile)).toString('base64');
  const profile = SCENARIO_FILES.profile(it.index);
  return [
    `mkdir -p ${RUN_DIR} ${LOG_DIR} && echo ${json} | base64 -d > ${profile} || exit 3`,
    `exec node ${PROGRAMS.generator} --profile ${profile} --client ${it.client} --smap ${it.smap}` +
      ` --dns ${server} --server ${server} --peers ${PEERS.first}/${PEERS.count} --seed ${it.index + 1} --start-at ${startAt}` +
      ` --out ${outFile(it)} >${logFile(it)} 2>&1`,
  ].join('\n');
}

export interface GeneratorOptions {
  readonly signal?: AbortSignal;
  readonly emit: EventSink;
  /** Called with how many generators are over, each second and as each ends. */
  readonly progress: (done: number) => void;
  /** Seconds past its planned end before a generator is given up on (default GIVE_UP_S). */
  readonly giveUpS?: number;
  /** Seconds from now to the traffic's time 0 (default warmUpSeconds). */
  readonly warmUpS?: number;
}

export interface GeneratorRuns {
  /** The traffic's time 0, epoch milliseconds: each generator's profile starts at t0 + its start. */
  readonly t0: number;
  /** Resolves when every generator has ended, been given up on or the run is aborted. */
  readonly done: Promise<void>;
}

/**
 * Starts every generator's program now, its profile to begin at its start
 * after t0 (a warm-up from now), and watches them end. A generator that
 * exits with an error, or is given up on GIVE_UP_S past its planned end, is
 * reported; its flows are collected all the same.
 */
export function runGenerators(run: RunningTopology, items: readonly TrafficItem[], server: string, o: GeneratorOptions): GeneratorRuns {
  const giveUpS = o.giveUpS ?? GIVE_UP_S;
  const t0 = Date.now() + (o.warmUpS ?? warmUpSeconds(items.length)) * 1000;
  let done = 0;
  const tick = setInterval(() => o.progress(done), 1000);
  // At most a few execs made at once: a hundred runc starts in one second only queue up.
  const limit = pLimit(COLLECT_CONCURRENCY);
  const all = Promise.all(items.map(async (it) => {
    const startAt = t0 + it.start * 1000;
    const deadline = startAt + (it.duration + giveUpS) * 1000;
    // The slot is freed a moment after the exec is asked for, not when the generator ends
    // (wrapped, so that the slot does not wait for the promise inside).
    const { ended } = await limit(async () => {
      const ended = runInForeground(run, it.client, generatorCommand(it, server, startAt), deadline, o.signal);
      await new Promise((r) => setTimeout(r, 250));
      return { ended };
    });
    const end = await ended;
    if (end.how === 'deadline') o.emit({ kind: 'warning', message: `generator ${it.index} in ${it.client} given up on ${giveUpS} s past its planned end; see ${logFile(it)}` });
    else if (end.how === 'exited' && end.exitCode !== 0) o.emit({ kind: 'warning', message: `generator ${it.index} in ${it.client} exited ${end.exitCode}; see ${logFile(it)}` });
    o.progress(++done);
  }));
  return { t0, done: all.then(() => undefined).finally(() => clearInterval(tick)) };
}

/** Every flow record each generator wrote, in the order of `items`. */
export async function collectFlows(run: RunningTopology, items: readonly TrafficItem[]): Promise<Array<Array<FlowRecord & TimedFlow>>> {
  const texts = await eachNode(items, (it) => run.readFile(it.client, outFile(it)).then((b) => b.toString(), () => ''));
  return texts.map((text) => {
    const flows: Array<FlowRecord & TimedFlow> = [];
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      let rec: FlowRecord & TimedFlow & { record?: string };
      try {
        rec = JSON.parse(line) as FlowRecord & TimedFlow & { record?: string };
      } catch {
        continue; // the last line of a generator given up on may be cut short
      }
      if (rec.record === 'flow') flows.push(rec);
    }
    return flows;
  });
}
