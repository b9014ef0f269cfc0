// Changes a scenario makes while traffic flows (docs/mtu.md, "Changes during
// a run"): a link's MTU, on every interface attached to it, whether a router
// sends its Packet Too Big, a command, a link's impairment. Each is applied
// at its time and reported, with when it really was (on-time.ts).
import type { EventSpec } from '../model/scenario-schema';
import type { Plan } from '../plan/plan-types';
import type { EventSink } from '../report/events';
import { describeImpairment } from '../model/impairment';
import { ptbArgv } from '../kinds/index';
import type { RunningTopology } from '../runtime/index';
import type { Impairment } from '../model/impairment';
import { setTimeout as sleep } from 'node:timers/promises';
import { appliedAt, commandOutput, EVENT_NOT_STARTED, EVENT_READY, eventScript } from './event-script';
import { runInForeground } from './foreground';
import type { StartGate } from './start-gate';

export interface AppliedEvent {
  readonly at: number;
  readonly what: string;
  readonly ok: boolean;
  readonly error?: string;
  /** Epoch milliseconds the change was made at (the latest of its commands'). */
  readonly appliedAt?: number;
}

/** The commands an event runs, by node, each an argv (pure); an impairment is the fabric's, not a node's. */
export function eventCommands(e: EventSpec, plan: Plan): Array<{ node: string; cmd: readonly string[] }> {
  if ('impair' in e) return [];
  if ('run' in e) return [{ node: e.node, cmd: ['sh', '-c', e.run] }];
  if ('router' in e) return [{ node: e.router, cmd: ptbArgv(e.ptb) }];
  const network = `link-${e.link}`;
  return plan.nodes.flatMap((n) =>
    n.interfaces.filter((i) => i.network === network).map((i) => ({ node: n.name, cmd: ['ip', 'link', 'set', 'dev', i.ifname, 'mtu', String(e.mtu)] })),
  );
}

export const describeEvent = (e: EventSpec): string =>
  'impair' in e ? `${e.network} impaired: ${describeImpairment(e.impair)}` : 'run' in e ? `${e.node}: ${e.name ?? e.run}` : 'router' in e ? `router ${e.router} ${e.ptb === 'drop' ? 'drops' : 'sends'} Packet Too Big` : `link of ${e.link} MTU ${e.mtu}`;

export interface ScheduledEvents {
  /** Resolves with what was applied once every event has run; an event the run's stop kept from running is left out. */
  readonly done: Promise<AppliedEvent[]>;
}

/** Seconds after its time by which an event's command must have ended: a command that hangs fails its event. */
export const EVENT_GIVE_UP_S = 120;

/** How many places at the run's gate the events take: one per command run in a node (pure). */
export const eventPlaces = (events: readonly EventSpec[], plan: Plan): number =>
  events.reduce((n, e) => n + eventCommands(e, plan).length, 0);

interface CommandResult {
  readonly node: string;
  readonly exitCode: number;
  readonly output: string;
  /** Epoch milliseconds the change was made at. */
  readonly at?: number;
}

/**
 * Starts every event's commands now, each in its node in the foreground of
 * one exec that waits at `gate` and runs at t0 + at (event-script.ts); an
 * impairment, made from the host, is applied at that time by a timer. Each
 * event is reported as it is applied, with the time it really was.
 */
export function scheduleEvents(
  run: RunningTopology, plan: Plan, events: readonly EventSpec[], emit: EventSink, gate: StartGate, signal?: AbortSignal,
): ScheduledEvents {
  const t0 = gate.opened.then((g) => g.t0);
  t0.catch(() => {}); // no start: nothing runs, and the run handles its stop
  let place = 0;
  const runs = events.map((e) => {
    const cmds = eventCommands(e, plan).map((c) => ({ ...c, place: place++ }));
    return async (): Promise<AppliedEvent | undefined> => {
      const results = 'impair' in e
        ? [await impairAt(run, e.network, e.impair, e.at, t0, signal)]
        : await Promise.all(cmds.map((c) => commandAt(run, c, e.at, gate, t0, signal)));
      if (results.some((r) => r === undefined)) return undefined;
      const done = results as CommandResult[];
      const what = describeEvent(e);
      const bad = done.find((x) => x.exitCode !== 0);
      const times = done.flatMap((x) => (x.at === undefined ? [] : [x.at]));
      const ev: AppliedEvent = {
        at: e.at, what, ok: !bad,
        ...(times.length > 0 ? { appliedAt: Math.max(...times) } : {}),
        ...(bad ? { error: `${bad.node}: exit ${bad.exitCode}: ${bad.output}` } : {}),
      };
      emit({ kind: 'scenario-event', run: run.runId, at: e.at, what: bad ? `${what} (${ev.error})` : what, ok: !bad });
      return ev;
    };
  });
  const done = Promise.all(runs.map((r) => r()))
    .then((all) => all.filter((x): x is AppliedEvent => x !== undefined).sort((a, b) => a.at - b.at));
  return { done };
}

/** A command run in its node at t0 + at, from an exec made now that waits at the gate; undefined if the run stopped first. */
async function commandAt(
  run: RunningTopology, c: { node: string; cmd: readonly string[]; place: number }, atS: number, gate: StartGate, t0: Promise<number>, signal?: AbortSignal,
): Promise<CommandResult | undefined> {
  let at: number | undefined;
  const end = await runInForeground(run, c.node, eventScript(atS * 1000, c.cmd), t0.then((t) => t + (atS + EVENT_GIVE_UP_S) * 1000), signal, {
    stdin: gate.stdin[c.place]!,
    onLine: (line) => (line === EVENT_READY ? gate.arrived(c.place) : (at ??= appliedAt(line))),
  }).finally(() => gate.arrived(c.place));
  if (end.how === 'aborted' || (end.how === 'exited' && end.exitCode === EVENT_NOT_STARTED && at === undefined)) return undefined;
  const timing = at === undefined ? {} : { at };
  if (end.how === 'deadline') return { node: c.node, exitCode: -1, output: `still running ${EVENT_GIVE_UP_S} s after its time`, ...timing };
  return { node: c.node, exitCode: end.exitCode, output: (end.stderr || commandOutput(end.stdout)).trim().slice(-300), ...timing };
}

/** An impairment made at t0 + at from the host (the fabric is the run's, not a node's); undefined if the run stopped first. */
async function impairAt(
  run: RunningTopology, network: string, impairment: Impairment | undefined, atS: number, t0: Promise<number>, signal?: AbortSignal,
): Promise<CommandResult | undefined> {
  const start = await t0.catch(() => undefined);
  if (start === undefined) return undefined;
  await sleep(Math.max(0, start + atS * 1000 - Date.now()), undefined, signal ? { signal } : {}).catch(() => undefined);
  if (signal?.aborted) return undefined;
  const at = Date.now();
  return run.impair(network, impairment).then(
    () => ({ node: 'fabric', exitCode: 0, output: '', at }),
    (err: Error) => ({ node: 'fabric', exitCode: 1, output: err.message, at }));
}
