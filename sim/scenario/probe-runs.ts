// A scenario's MTU probes (docs/mtu.md): each runs in its client as the probe
// program (sim/probes, /opt/aplus/probe.mjs in the image), started `at`
// seconds into the traffic phase, and writes one ProbeRecord line.
import type { ProbeRecord } from '../assert/measured-data';
import type { ProbeSpec } from '../model/scenario-schema';
import type { Plan } from '../plan/plan-types';
import type { EventSink } from '../report/events';
import type { RunningTopology } from '../runtime/index';
import { PROBE_ECHO_PORT } from '../probes/probe-echo';
import { routeMtu } from '../measure/kernel-pmtu';
import { runInForeground } from './foreground';
import { LOG_DIR, PROGRAMS, SCENARIO_FILES } from '../kinds/paths';

/** A TCP port of the emulated Internet speaking the generator's protocol (every web profile uses it). */
const PROBE_TCP_PORT = 80;

const outFile = SCENARIO_FILES.probeOut;
/** A pmtu probe's client's route to the server, read the moment the probe ends (kernel-pmtu.ts). */
const routeFile = SCENARIO_FILES.probeRoute;

/** The probe program's command line for one probe (pure). */
export function probeArgs(p: ProbeSpec, smap: string, server: string, out: string): string[] {
  const common = ['--kind', p.kind, '--name', p.name, '--client', p.client, '--smap', smap, '--server', server, '--out', out];
  switch (p.kind) {
    case 'pmtu':
      return [...common, '--port', String(PROBE_ECHO_PORT), ...(p.max !== undefined ? ['--max', String(p.max)] : [])];
    case 'udp-df':
      return [...common, '--port', String(PROBE_ECHO_PORT), '--size', String(p.size), '--count', String(p.count), '--interval', String(p.interval), ...(p.adapts ? ['--adapts'] : [])];
    case 'tcp-bulk':
      return [...common, '--port', String(PROBE_TCP_PORT), '--direction', p.direction, '--bytes', String(p.bytes), '--stall-ms', String(p.stallMs), '--timeout-s', String(p.timeout)];
  }
}

/** Seconds after the traffic phase starts by which a probe must have written its record. */
export function probeDeadline(p: ProbeSpec): number {
  switch (p.kind) {
    case 'pmtu':
      return p.at + 60;
    case 'udp-df':
      return p.at + (p.count * p.interval) / 1000 + 10;
    case 'tcp-bulk':
      return p.at + p.timeout + 10;
  }
}

/**
 * Runs every probe, each in its client in the foreground of one exec
 * (foreground.ts), and resolves when each has ended or passed its deadline
 * (seconds since `t0`), or the run is aborted.
 */
export async function runProbes(
  run: RunningTopology, plan: Plan, probes: readonly ProbeSpec[], server: string, t0: number, emit: EventSink, signal?: AbortSignal,
): Promise<void> {
  await Promise.all(probes.map(async (p, i) => {
    const smap = plan.nodes.find((n) => n.name === p.client)?.smap ?? '';
    const args = probeArgs(p, smap, server, outFile(i)).map((a) => `'${a}'`).join(' ');
    const probe = `node ${PROGRAMS.probe} ${args} >${SCENARIO_FILES.probeLog(i)} 2>&1`;
    // It starts at t0 + at by the clock (the nodes share the host's), not `at` after its exec began: an exec
    // can start seconds late on a busy machine. A pmtu probe's second instrument is the kernel's route as
    // the probe left it: later probes or events may change it.
    const cmd = `mkdir -p ${LOG_DIR} || exit 3\n${sleepUntil(t0 + p.at * 1000)}\n` +
      (p.kind === 'pmtu' ? `${probe}\nrc=$?\nip -4 -o route get ${server} >${routeFile(i)} 2>&1\nexit $rc` : `exec ${probe}`);
    const ended = runInForeground(run, p.client, cmd, t0 + probeDeadline(p) * 1000, signal);
    emit({ kind: 'probe-started', run: run.runId, probe: p.name, probeKind: p.kind, client: p.client });
    // A probe that wrote no record is reported by collectProbes, with its log.
    await ended;
  }));
}

/** Shell (dash) that sleeps until epoch milliseconds `ms`, or not at all when that has passed. */
export const sleepUntil = (ms: number): string =>
  `w=$((${Math.round(ms)} - $(date +%s%3N))); [ "$w" -gt 0 ] && sleep "$((w / 1000)).$(printf '%03d' $((w % 1000)))"`;

/** Each probe's record; a probe that wrote none gives a failed record saying why, with its log's tail. */
export async function collectProbes(run: RunningTopology, plan: Plan, probes: readonly ProbeSpec[]): Promise<ProbeRecord[]> {
  return Promise.all(probes.map(async (p, i) => {
    const text = await run.readFile(p.client, outFile(i)).then((b) => b.toString(), () => '');
    const line = text.split('\n').find((l) => l.includes('"record":"probe"'));
    if (line) {
      const record = JSON.parse(line) as ProbeRecord;
      if (record.kind !== 'pmtu') return record;
      const kernel = routeMtu(await run.readFile(p.client, routeFile(i)).then((b) => b.toString(), () => ''));
      return kernel === undefined ? record : { ...record, kernelRouteMtu: kernel };
    }
    const log = await run.readFile(p.client, SCENARIO_FILES.probeLog(i)).then((b) => b.toString().trim().split('\n').slice(-3).join(' | '), () => '');
    return {
      record: 'probe', name: p.name, kind: p.kind, client: p.client, smap: plan.nodes.find((n) => n.name === p.client)?.smap ?? '',
      started: 0, ended: 0, ok: false, reason: `no result${log ? `: ${log}` : ''}`,
    } satisfies ProbeRecord;
  }));
}

