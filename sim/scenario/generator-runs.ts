// A scenario's traffic generators (docs/traffic.md), one per traffic item,
// each in its client, and their flow records. Each generator runs in the
// foreground of one `docker exec`, which ends when the generator does: the
// run learns of the end at once and never polls (a `docker exec` costs a runc
// start, and polling a hundred clients every second took more CPU than the
// traffic on a loaded two-core machine).
import type { FlowRecord } from '../assert/measured-data';
import type { EventSink } from '../report/events';
import { PEERS } from '../roles/index';
import type { RunningTopology } from '../runtime/index';
import { eachNode } from './each-node';
import type { TrafficItem } from './traffic-plan';

/**
 * Seconds a generator gets past its planned end before it is given up on.
 * It cuts its own flows 5 s after its profile ends (GENERATOR_DEFAULTS.graceS);
 * the rest is for starting: on a busy machine a hundred Node processes take
 * tens of seconds to start (campus-100 once saw them 62 s apart).
 */
export const GIVE_UP_S = 90;

const outFile = (it: TrafficItem) => `/var/log/aplus/flows-${it.index}.jsonl`;
const logFile = (it: TrafficItem) => `/var/log/aplus/generator-${it.index}.log`;

export function generatorCommand(it: TrafficItem, server: string): string {
  const json = Buffer.from(JSON.stringify(it.profile)).toString('base64');
  const profile = `/run/aplus/profile-${it.index}.json`;
  return [
    `mkdir -p /run/aplus /var/log/aplus && echo ${json} | base64 -d > ${profile} || exit 3`,
    `sleep ${it.start}`,
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
 * Starts every generator and resolves when all have ended, been given up on
 * (GIVE_UP_S past their planned end) or the run is aborted. A generator that
 * exits with an error is reported; its flows are collected all the same.
 */
export async function runGenerators(run: RunningTopology, items: readonly TrafficItem[], server: string, o: GeneratorOptions): Promise<void> {
  const giveUpS = o.giveUpS ?? GIVE_UP_S;
  let done = 0;
  const tick = setInterval(() => o.progress(done), 1000);
  // One listener on the run's signal for all of them (a hundred would trip Node's leak warning).
  const stops = items.map(() => new AbortController());
  const abortAll = () => stops.forEach((s) => s.abort());
  if (o.signal?.aborted) abortAll();
  o.signal?.addEventListener('abort', abortAll, { once: true });
  try {
    await Promise.all(items.map(async (it, i) => {
      const stop = stops[i]!;
      const timer = setTimeout(() => stop.abort(), (it.start + it.duration + giveUpS) * 1000);
      try {
        const r = await run.exec(it.client, ['sh', '-c', generatorCommand(it, server)], { signal: stop.signal });
        if (stop.signal.aborted && !o.signal?.aborted) o.emit({ kind: 'warning', message: `generator ${it.index} in ${it.client} given up on ${giveUpS} s past its planned end; see ${logFile(it)}` });
        else if (r.exitCode !== 0 && !stop.signal.aborted) o.emit({ kind: 'warning', message: `generator ${it.index} in ${it.client} exited ${r.exitCode}; see ${logFile(it)}` });
      } finally {
        clearTimeout(timer);
        o.progress(++done);
      }
    }));
  } finally {
    clearInterval(tick);
    o.signal?.removeEventListener('abort', abortAll);
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
