// aplus run: bring a scenario's topology up, play its traffic with a
// generator in each client, sample ports on each SMAP, collect flows,
// counters and NAT failures, evaluate the assertions, and take it all down
// (unless kept). Reports its own overhead: everything but the traffic.
import type { Measured, NodeCounters, RouterCounters } from '../assert/measured-data';
import { attributeFailures, evaluate, eventVerdict, type Verdict } from '../assert/index';
import { parseConntrackStats } from '../measure/conntrack/index';
import type { LoadedScenario } from '../plan/load-scenario';
import type { Plan } from '../plan/plan-types';
import { smapPaths } from '../plan/smap-paths';
import type { EventSink } from '../report/events';
import { kindsRuntime, nodeStart, readNodeCounters } from '../kinds/index';
import { requireQdiscs, type RunningTopology, type UpOptions } from '../runtime/index';
import { isImpaired } from '../model/impairment';
import { CONNTRACK_TIMEOUTS, conntrackSysctls, scaledTimeouts, type ConntrackTimeouts } from '../traffic/conntrack-timeouts';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eachNode } from './each-node';
import { keepEvidence } from './evidence';
import { collectFlows, READY_LIMIT_S, runGenerators, START_MARGIN_MS } from './generator-runs';
import { flowLateness, latenessWarning } from './flow-lateness';
import { startIcmpCapture } from './icmp-capture';
import { startPortSampler } from './port-sampler';
import { checkAgainstServerLogs } from './server-log-check';
import { collectProbes, runProbes } from './probe-runs';
import { crossCheckVerdicts } from './cross-checks';
import { predictPorts } from './port-prediction';
import { eventTimingVerdicts, probeTimingVerdicts } from './on-time';
import { gatePart, startGate } from './start-gate';
import { runPhases } from './run-phases';
import { eventPlaces, scheduleEvents, type AppliedEvent } from './scenario-events';
import { trafficEnd, trafficItems, type TrafficItem } from './traffic-plan';

export interface ScenarioResult {
  readonly scenario: string;
  readonly file: string;
  readonly runId: string;
  readonly pass: boolean;
  readonly verdicts: readonly Verdict[];
  readonly measured: Measured;
  /** The changes the scenario made while traffic flowed, as applied. */
  readonly events: readonly AppliedEvent[];
  /** Seconds from t0 until the last generator, probe and event was over (the traffic phase), and everything else the run took. */
  readonly trafficSeconds: number;
  readonly overheadSeconds: number;
  readonly kept: boolean;
  /** The folder holding the evidence of a failed run (logs, captures, counters, how to reproduce). */
  readonly evidence?: string;
}

export interface RunOptions {
  readonly emit: EventSink;
  readonly signal?: AbortSignal;
  readonly keep?: boolean;
  /** Where evidence goes when an assertion fails: a folder per run inside (default aplus-evidence). */
  readonly evidenceDir?: string;
  /** Brings the plan up: on Docker (dockerUp) unless a test gives a fake topology. */
  readonly bringUp?: (plan: Plan, opts: UpOptions) => Promise<RunningTopology>;
}

/**
 * Interrupted (Ctrl-C, SIGTERM: the signal aborts) in any phase, a run takes
 * its topology down, --keep or not, and throws AbortedError naming the phase:
 * it never evaluates what it measured so far.
 */
export async function runScenario(s: LoadedScenario, opts: RunOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const phase = runPhases(opts.signal, 'up');
  phase.throwIfAborted();
  const items = trafficItems(s.plan, s.traffic, s.seed);
  const server = s.plan.nodes.find((n) => n.role === 'server')?.interfaces[0]?.ipv4;
  if ((items.length > 0 || s.probes.length > 0) && !server) throw new Error(`scenario ${s.name}: traffic and probes need an Internet server in the topology`);

  // Impairments the events will ask for must be makeable before anything is made (exit 3 naming the module).
  requireQdiscs(s.events.flatMap((e) => ('impair' in e && isImpaired(e.impair) ? [{ network: e.network, impair: e.impair }] : [])));
  const run = await (opts.bringUp ?? dockerUp)(s.plan, {
    emit: opts.emit, file: s.file, kept: opts.keep === true, start: (n) => nodeStart(n, s.plan), sysctls: (n) => (n.smapRole ? scaledConntrack(items, s.conntrack) : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  phase.enter('warm-up');
  // What the run found, its overhead not yet known: that includes taking the topology down.
  let found: ScenarioResult;
  try {
    const icmpNodes = [...new Set(s.assertions.flatMap((a) => (a.check === 'icmp' ? [a.node] : [])))];
    const capture = icmpNodes.length > 0 ? await startIcmpCapture(run, icmpNodes) : undefined;
    const sampler = await startPortSampler(run, s.plan, s.sampleEvery, opts.emit);
    const end = trafficEnd(items);
    // The generators', probes' and events' programs start and say they are ready (the warm-up); all begin at t0.
    const places = eventPlaces(s.events, s.plan);
    const gate = startGate(items.length + s.probes.length + places, {
      limitMs: READY_LIMIT_S * 1000, marginMs: START_MARGIN_MS, ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const began = Date.now();
    const generators = runGenerators(run, items, server!, {
      emit: opts.emit, gate: gatePart(gate, 0, items.length), ...(opts.signal ? { signal: opts.signal } : {}),
      progress: (done, elapsed) => opts.emit({ kind: 'traffic-progress', run: run.runId, done, total: items.length, elapsed, planned: end }),
    });
    const probes = runProbes(run, s.plan, s.probes, server!, gatePart(gate, items.length, s.probes.length),
      { emit: opts.emit, readyLimitS: READY_LIMIT_S, ...(opts.signal ? { signal: opts.signal } : {}) });
    const events = scheduleEvents(run, s.plan, s.events, opts.emit, gatePart(gate, items.length + s.probes.length, places), opts.signal);
    // Aborted before the start, there is no t0: the finally takes the run down once the programs' execs are over.
    const opened = await gate.opened.catch(async (e: unknown) => {
      await Promise.all([generators.done, probes, events.done]);
      throw e;
    });
    const t0 = opened.t0;
    await sleep(Math.max(0, t0 - Date.now()), undefined, opts.signal ? { signal: opts.signal } : {}).catch(() => undefined);
    phase.enter('traffic');
    if (!opts.signal?.aborted) {
      opts.emit({
        kind: 'traffic-started', run: run.runId, generators: items.length, seconds: end, probes: s.probes.length, events: s.events.length,
        ...(gate.stdin.length > 0 ? { readyS: (opened.at - began) / 1000 } : {}),
      });
    }
    await Promise.all([generators.done, probes]);
    // Every change must have happened, even one planned after the traffic.
    const applied = await events.done;
    phase.throwIfAborted(run.runId); // nothing to collect: the finally takes the run down
    phase.enter('collect');
    const trafficSeconds = (Date.now() - t0) / 1000;
    const ports = await sampler.stop(t0);
    const perItem = await collectFlows(run, items);
    const late = latenessWarning(flowLateness(items.map((it) => it.start), perItem, t0));
    if (late) opts.emit({ kind: 'warning', message: `${s.name}: ${late}` });
    const flows = perItem.flat();
    const serverCheck = await checkAgainstServerLogs(run, s.plan, flows);
    // The capture stops just before the counters are read: what it saw, the routers' counters saw too.
    const icmp = capture ? await capture.stop() : {};
    const nodeCounters = await collectCounters(run, s);
    const natFailures = await collectNatFailures(run, s);
    const predicted = s.assertions.some((a) => a.check === 'simulator') ? await predictPorts(run, items, ports) : undefined;
    const measured: Measured = {
      ...(predicted ? { predicted } : {}),
      flows: attributeFailures(flows, smapPaths(s.plan), { ...nodeCounters, natFailures }), ports, ...nodeCounters, natFailures,
      probes: await collectProbes(run, s.plan, s.probes), icmp,
      ...(serverCheck ? { serverCheck } : {}),
    };
    const verdicts = [...evaluate(s.assertions, measured), ...applied.filter((e) => !e.ok).map((e, i) => eventVerdict(s.assertions.length + i, e))];
    verdicts.push(...crossCheckVerdicts(verdicts.length, serverCheck, measured.probes ?? []));
    verdicts.push(...probeTimingVerdicts(verdicts.length, s.probes, measured.probes ?? [], t0));
    verdicts.push(...eventTimingVerdicts(verdicts.length, applied, t0));
    const pass = verdicts.every((v) => v.pass);
    const result: ScenarioResult = {
      scenario: s.name, file: s.file, runId: run.runId, pass, verdicts, measured, events: applied,
      trafficSeconds, overheadSeconds: 0, kept: opts.keep === true,
    };
    const evidence = pass ? undefined : join(opts.evidenceDir ?? 'aplus-evidence', `${s.name}-${run.runId}`);
    if (evidence) await keepEvidence(run, evidence, { scenarioFile: s.file, result, failed: verdicts.filter((v) => !v.pass).map((v) => v.message) });
    found = { ...result, ...(evidence ? { evidence } : {}) };
  } finally {
    phase.enter('down');
    if (!opts.keep || opts.signal?.aborted) await run.down();
    // Whatever the run returned or threw: once interrupted it has no verdict, and what failed, failed because of it.
    phase.throwIfAborted(run.runId);
  }
  // Reached only when the try block ended normally, so `found` is set.
  return { ...found, overheadSeconds: (Date.now() - started) / 1000 - found.trafficSeconds };
}

async function dockerUp(plan: Plan, opts: UpOptions): Promise<RunningTopology> {
  return (await kindsRuntime()).up(plan, opts);
}

/**
 * Played faster, a profile's DNS lookups come faster, but the kernel would
 * still keep each UDP mapping its 30 s (180 s once replied to twice): the
 * SMAP would hold more ports than the profile means. Its UDP timeouts scale
 * with the fastest profile it carries (docs/profiles.md, "Scaling"). A
 * simulation spec's timeouts (`base`) are set even unscaled: the run is the spec's.
 */
function scaledConntrack(items: readonly TrafficItem[], base: ConntrackTimeouts): Record<string, string> {
  const f = Math.min(1, ...items.map((i) => i.profile.timeScale));
  if (f >= 1 && base === CONNTRACK_TIMEOUTS) return {};
  // TCP too: a closed connection keeps its port in the NAT for TIME_WAIT (120 s), which in
  // profile time must last as long as the paper's did.
  return conntrackSysctls(scaledTimeouts(base, f));
}

/** The daemons' counters and the routers'; a node whose counters cannot be read is left out (its checks have no data). */
async function collectCounters(run: RunningTopology, s: LoadedScenario): Promise<Pick<Measured, 'counters' | 'routers'>> {
  const nodes = s.plan.nodes.filter((x) => x.role === 'prr' || x.role === 'smap' || x.role === 'router');
  const read = await eachNode(nodes, (n) => readNodeCounters(n.role, (argv) => run.exec(n.name, argv)).catch(() => undefined));
  const counters: Record<string, NodeCounters> = {};
  const routers: Record<string, RouterCounters> = {};
  nodes.forEach((n, i) => {
    const r = read[i];
    if (!r?.ok) return;
    if (r.value.role === 'router') routers[n.name] = r.value;
    else counters[n.name] = r.value;
  });
  return { counters, routers };
}

/** Connections each SMAP's NAT could not map (conntrack -S insert_failed): where exhaustion shows. */
async function collectNatFailures(run: RunningTopology, s: LoadedScenario): Promise<Record<string, number>> {
  const smaps = s.plan.nodes.filter((x) => x.role === 'smap');
  const stats = await eachNode(smaps, (n) => run.exec(n.name, ['conntrack', '-S']));
  return Object.fromEntries(smaps.flatMap((n, i) => (stats[i]!.exitCode === 0 ? [[n.name, parseConntrackStats(stats[i]!.stdout).insertFailed]] : [])));
}
