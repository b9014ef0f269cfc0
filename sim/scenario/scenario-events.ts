// Changes a scenario makes while traffic flows (docs/mtu.md, "Changes during
// a run"): a link's MTU, on every interface attached to it, or whether a
// router sends its Packet Too Big. Each is applied at its time and reported.
import type { EventSpec } from '../model/scenario-schema';
import type { Plan } from '../plan/plan-types';
import type { EventSink } from '../report/events';
import { describeImpairment } from '../model/impairment';
import { ptbArgv } from '../kinds/index';
import type { RunningTopology } from '../runtime/index';

export interface AppliedEvent {
  readonly at: number;
  readonly what: string;
  readonly ok: boolean;
  readonly error?: string;
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
  /** Resolves with what was applied once every event has run (or was cancelled). */
  readonly done: Promise<AppliedEvent[]>;
  cancel(): void;
}

export function scheduleEvents(run: RunningTopology, plan: Plan, events: readonly EventSpec[], emit: EventSink): ScheduledEvents {
  const timers: NodeJS.Timeout[] = [];
  const applied: AppliedEvent[] = [];
  const done = Promise.all(events.map((e) => new Promise<void>((resolve) => {
    timers.push(setTimeout(async () => {
      const what = describeEvent(e);
      const results = 'impair' in e
        ? [await run.impair(e.network, e.impair).then(
          () => ({ node: 'fabric', r: { exitCode: 0, stdout: '', stderr: '' } }),
          (err: Error) => ({ node: 'fabric', r: { exitCode: 1, stdout: '', stderr: err.message } }))]
        : await Promise.all(eventCommands(e, plan).map((c) => run.exec(c.node, c.cmd).then((r) => ({ ...c, r }))));
      const bad = results.find((x) => x.r.exitCode !== 0);
      const ev: AppliedEvent = { at: e.at, what, ok: !bad, ...(bad ? { error: `${bad.node}: exit ${bad.r.exitCode}: ${(bad.r.stderr || bad.r.stdout).trim().slice(-300)}` } : {}) };
      applied.push(ev);
      emit({ kind: 'scenario-event', run: run.runId, at: e.at, what: bad ? `${what} (${ev.error})` : what, ok: !bad });
      resolve();
    }, e.at * 1000));
  }))).then(() => applied.sort((a, b) => a.at - b.at));
  let cancelled: (() => void) | undefined;
  const cancelledP = new Promise<AppliedEvent[]>((r) => (cancelled = () => r(applied)));
  return {
    done: Promise.race([done, cancelledP]),
    cancel() {
      timers.forEach(clearTimeout);
      cancelled?.();
    },
  };
}
