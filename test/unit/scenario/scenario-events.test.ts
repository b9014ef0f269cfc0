// A scenario's events: each command's exec starts ahead and waits at the
// run's gate, then runs at t0 + at, reported with when it really ran. The
// scripts run for real, in this machine's sh (helpers/local-run.ts).
import test from 'ava';
import type { AplusEvent } from '../../../sim/report/events';
import { eventSchema, type EventSpec } from '../../../sim/model/scenario-schema';
import type { Plan } from '../../../sim/plan/plan-types';
import { eventPlaces, scheduleEvents } from '../../../sim/scenario/scenario-events';
import { startGate } from '../../../sim/scenario/start-gate';
import { localRun } from './helpers/local-run';

const plan = { nodes: [] } as unknown as Plan;
const ev = (x: unknown): EventSpec => eventSchema.parse(x);

test('every command waits at the gate, runs at its time after t0, and is reported with when it ran; a failed one with its output', async (t) => {
  const { run, seen } = localRun();
  const events = [ev({ at: 0.4, node: 'a', run: 'echo changed' }), ev({ at: 0.1, node: 'b', run: 'echo no such link >&2; exit 3', name: 'bad' })];
  t.is(eventPlaces(events, plan), 2);
  const gate = startGate(2, { limitMs: 10_000, marginMs: 100 });
  const out: AplusEvent[] = [];
  const scheduled = scheduleEvents(run, plan, events, (e) => out.push(e), gate);
  const { t0 } = await gate.opened;
  t.is(seen.length, 2, 'both execs made before the gate opened');
  const applied = await scheduled.done;
  t.deepEqual(applied.map((e) => [e.at, e.ok, e.error]), [[0.1, false, 'b: exit 3: no such link'], [0.4, true, undefined]]);
  for (const e of applied) t.true(e.appliedAt! >= t0 + e.at * 1000 && e.appliedAt! < t0 + e.at * 1000 + 1000, `${e.what} ${e.appliedAt! - t0} ms after t0`);
  t.deepEqual(out.map((e) => (e.kind === 'scenario-event' ? [e.at, e.ok] : e.kind)), [[0.1, false], [0.4, true]]);
});

test('an impairment is made from the host at its time, with no exec and no place at the gate', async (t) => {
  const made: number[] = [];
  const { run, seen } = localRun(async () => void made.push(Date.now()));
  const events = [ev({ at: 0.2, network: 'core', impair: { rate: '1mbit' } })];
  t.is(eventPlaces(events, plan), 0);
  const gate = startGate(0, { limitMs: 1000, marginMs: 0 });
  const scheduled = scheduleEvents(run, plan, events, () => {}, gate);
  const { t0 } = await gate.opened;
  const [e] = await scheduled.done;
  t.is(seen.length, 0);
  t.true(made[0]! >= t0 + 200 && e!.ok && Math.abs(e!.appliedAt! - made[0]!) < 50, `made ${made[0]! - t0} ms after t0`);
});

test('a run stopped before its start: no command runs, and no event is reported', async (t) => {
  const ctl = new AbortController();
  const { run } = localRun();
  const events = [ev({ at: 0, node: 'a', run: 'echo changed' }), ev({ at: 0, network: 'core', impair: {} })];
  // Its second place is a program that never says it is ready: the gate is still shut when the run stops.
  const gate = startGate(2, { limitMs: 10_000, marginMs: 100, signal: ctl.signal });
  const out: AplusEvent[] = [];
  const scheduled = scheduleEvents(run, plan, events, (e) => out.push(e), gate, ctl.signal);
  gate.opened.catch(() => {});
  setTimeout(() => ctl.abort('SIGINT'), 200);
  t.deepEqual(await scheduled.done, []);
  t.deepEqual(out, []);
});
