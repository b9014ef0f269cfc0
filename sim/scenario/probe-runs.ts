// A scenario's MTU probes (docs/mtu.md): each runs in its client as the probe
// program (sim/probes, /opt/aplus/probe.mjs in the image), `at` seconds into
// the traffic phase, and writes one ProbeRecord line.
import type { ProbeRecord } from '../assert/measured-data';
import type { ProbeSpec } from '../model/scenario-schema';
import type { Plan } from '../plan/plan-types';
import type { EventSink } from '../report/events';
import type { RunningTopology } from '../runtime/index';
import { PROBE_ECHO_PORT } from '../probes/probe-echo';
import { routeMtu } from '../measure/kernel-pmtu';
import { runInForeground } from './foreground';
import { notReadyWarning, type StartGate } from './start-gate';
import { shellWord } from '../node-setup/render-shell';
import { PROBE_READY } from '../traffic/generator/start-handshake';
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
 * Starts every probe now, each in its client in the foreground of one exec
 * (foreground.ts): its program says it is ready and waits at `gate` for the
 * run's t0, then runs at t0 + at by the clock (start-handshake.ts), however
 * late its exec began. Resolves when each has ended or passed its deadline
 * (seconds since t0), or the run is aborted.
 */
export async function runProbes(
  run: RunningTopology, plan: Plan, probes: readonly ProbeSpec[], server: string, gate: StartGate, o: ProbeRunOptions,
): Promise<void> {
  gate.opened.then((g) => {
    if (g.notReady.length > 0) o.emit({ kind: 'warning', message: notReadyWarning('probe', g.notReady.map((i) => probes[i]!.name), o.readyLimitS) });
  }, () => {});
  await Promise.all(probes.map(async (p, i) => {
    const smap = plan.nodes.find((n) => n.name === p.client)?.smap ?? '';
    const args = [...probeArgs(p, smap, server, outFile(i)), '--start-at', 'stdin', '--offset', String(p.at)].map(shellWord).join(' ');
    // Its stdout (the ready line, the summary) is the exec's; its errors go to its log.
    const probe = `node ${PROGRAMS.probe} ${args} 2>${SCENARIO_FILES.probeLog(i)}`;
    // A pmtu probe's second instrument is the kernel's route as the probe left it: later probes or events may change it.
    const cmd = `mkdir -p ${LOG_DIR} || exit 3\n` +
      (p.kind === 'pmtu' ? `${probe}\nrc=$?\n[ $rc -eq 4 ] || ip -4 -o route get ${server} >${routeFile(i)} 2>&1\nexit $rc` : `exec ${probe}`);
    const deadline = gate.opened.then((g) => g.t0 + probeDeadline(p) * 1000);
    deadline.catch(() => {}); // no start, no deadline
    // A probe that wrote no record is reported by collectProbes, with its log.
    await runInForeground(run, p.client, cmd, deadline, o.signal, {
      stdin: gate.stdin[i]!,
      onLine: (line) => {
        if (line !== PROBE_READY) return;
        gate.arrived(i);
        o.emit({ kind: 'probe-started', run: run.runId, probe: p.name, probeKind: p.kind, client: p.client });
      },
    }).finally(() => gate.arrived(i));
  }));
}

export interface ProbeRunOptions {
  readonly emit: EventSink;
  readonly signal?: AbortSignal;
  /** The gate's limit, for the warning naming probes not ready by then. */
  readonly readyLimitS: number;
}

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

