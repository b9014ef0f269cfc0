// A scenario's traffic generators (docs/traffic.md), one per traffic item,
// each in its client in the foreground of one exec (foreground.ts), started
// together once all are ready (start-gate.ts), and their flow records.
import type { FlowRecord } from '../assert/measured-data';
import type { EventSink } from '../report/events';
import { PEERS, PROGRAMS, SCENARIO_FILES, LOG_DIR, RUN_DIR } from '../kinds/index';
import type { RunningTopology } from '../runtime/index';
import { GENERATOR_READY } from '../traffic/generator/start-handshake';
import pLimit from 'p-limit';
import { COLLECT_CONCURRENCY, eachNode } from './each-node';
import type { TimedFlow } from './flow-lateness';
import { runInForeground } from './foreground';
import { notReadyWarning, startGate, type StartGate } from './start-gate';
import type { TrafficItem } from './traffic-plan';

/**
 * Seconds past its planned end (t0 + its start + its profile's length)
 * before a generator is given up on: a safety net for a wedged one, never a
 * cut of a live one. A generator bounds itself: it cuts its own flows 5 s
 * after its profile ends (GENERATOR_DEFAULTS.graceS), counted from when its
 * profile really began, and a crash ends its exec at once.
 */
export const GIVE_UP_S = 300;

/**
 * Seconds the generators have to say they are ready before the start is sent
 * to all, ready or not: a warning names the late ones, whose flows then begin
 * late (the lateness check counts them), rather than a failed run, so that a
 * slow machine still gives its data. A hundred took up to about 80 s to start
 * on CI's two loaded cores.
 */
export const READY_LIMIT_S = 120;

/** Milliseconds from sending the start lines to t0: enough for them to reach every generator. */
export const START_MARGIN_MS = 1000;

const outFile = (it: TrafficItem) => SCENARIO_FILES.flows(it.index);
const logFile = (it: TrafficItem) => SCENARIO_FILES.generatorLog(it.index);

/** Its stdout (the ready line, the summary) is the exec's; its errors go to its log. */
export function generatorCommand(it: TrafficItem, server: string): string {
  const json = Buffer.from(JSON.stringify(it.profile)).toString('base64');
  const profile = SCENARIO_FILES.profile(it.index);
  return [
    `mkdir -p ${RUN_DIR} ${LOG_DIR} && echo ${json} | base64 -d > ${profile} || exit 3`,
    `exec node ${PROGRAMS.generator} --profile ${profile} --client ${it.client} --smap ${it.smap}` +
      ` --dns ${server} --server ${server} --peers ${PEERS.first}/${PEERS.count} --seed ${it.seed}` +
      ` --start-at stdin --offset ${it.start} --out ${outFile(it)} 2>${logFile(it)}`,
  ].join('\n');
}

export interface GeneratorOptions {
  readonly signal?: AbortSignal;
  readonly emit: EventSink;
  /** Called from t0 on with how many generators are over and the seconds since t0, each second and as each ends. */
  readonly progress: (done: number, elapsedS: number) => void;
  /** Seconds past its planned end before a generator is given up on (default GIVE_UP_S). */
  readonly giveUpS?: number;
  /** Seconds the generators have to say they are ready (default READY_LIMIT_S), when they have a gate of their own. */
  readonly readyLimitS?: number;
  /** Their part of the run's gate, shared with its probes and events (start-gate.ts); else a gate of their own. */
  readonly gate?: StartGate;
}

export interface GeneratorRuns {
  /**
   * The traffic's time 0, epoch milliseconds, once every generator is ready
   * (or the limit passed) and has been sent it: each profile starts at t0 + its
   * start. `readyS`: seconds from starting the programs to sending the start.
   * Rejects if the run is aborted before.
   */
  readonly started: Promise<{ readonly t0: number; readonly readyS: number }>;
  /** Resolves when every generator has ended, been given up on or the run is aborted. */
  readonly done: Promise<void>;
}

/**
 * Starts every generator's program now, each in the foreground of one exec,
 * waits for them to say they are ready and sends all the same start (t0), and
 * watches them end. A generator that exits with an error, or is given up on
 * GIVE_UP_S past its planned end, is reported; its flows are collected all the same.
 */
export function runGenerators(run: RunningTopology, items: readonly TrafficItem[], server: string, o: GeneratorOptions): GeneratorRuns {
  const giveUpS = o.giveUpS ?? GIVE_UP_S;
  const readyLimitS = o.readyLimitS ?? READY_LIMIT_S;
  const began = Date.now();
  const gate = o.gate ?? startGate(items.length, { limitMs: readyLimitS * 1000, marginMs: START_MARGIN_MS, ...(o.signal ? { signal: o.signal } : {}) });
  let done = 0;
  let tick: NodeJS.Timeout | undefined;
  let t0: number | undefined;
  const progress = () => {
    if (t0 !== undefined && Date.now() >= t0) o.progress(done, (Date.now() - t0) / 1000);
  };
  const started = gate.opened.then((g) => {
    if (g.notReady.length > 0) o.emit({ kind: 'warning', message: notReadyWarning('generator', g.notReady.map((i) => items[i]!.client), readyLimitS) });
    t0 = g.t0;
    tick = setInterval(progress, 1000);
    return { t0: g.t0, readyS: (g.at - began) / 1000 };
  });
  // At most a few execs made at once: a hundred runc starts in one second only queue up.
  const limit = pLimit(COLLECT_CONCURRENCY);
  const all = Promise.all(items.map(async (it, i) => {
    const deadline = started.then((s) => s.t0 + (it.start + it.duration + giveUpS) * 1000);
    deadline.catch(() => {}); // no start, no deadline: an exec still queued for a slot may take a while to be told
    const io = {
      stdin: gate.stdin[i]!,
      onLine: (line: string) => {
        if (line === GENERATOR_READY) gate.arrived(i);
      },
    };
    // The slot is freed a moment after the exec is asked for, not when the generator ends
    // (wrapped, so that the slot does not wait for the promise inside).
    const { ended } = await limit(async () => {
      const ended = runInForeground(run, it.client, generatorCommand(it, server), deadline, o.signal, io);
      await new Promise((r) => setTimeout(r, 250));
      return { ended };
    });
    const end = await ended.finally(() => gate.arrived(i));
    if (end.how === 'deadline') o.emit({ kind: 'warning', message: `generator ${it.index} in ${it.client} given up on ${giveUpS} s past its planned end; see ${logFile(it)}` });
    else if (end.how === 'exited' && end.exitCode !== 0) o.emit({ kind: 'warning', message: `generator ${it.index} in ${it.client} exited ${end.exitCode}; see ${logFile(it)}` });
    done++;
    progress();
  }));
  // Aborted before the start, `started` rejects: the run's own abort handling takes over.
  started.catch(() => {});
  return { started, done: all.then(() => undefined).finally(() => clearInterval(tick)) };
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
