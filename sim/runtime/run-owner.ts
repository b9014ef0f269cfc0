// Who owns a run, and the reaper (as testcontainers' Ryuk): `aplus run` and
// `aplus test` own their runs and take them down; a run whose owner died
// (SIGKILL, a reboot mid-run) is removed by the next up, run or test. A run
// of `aplus up` (or run --keep) is kept: nobody owns it, it stays until
// `aplus down`. Runs without the label (older versions) are left alone.
import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import type { EventSink } from '../report/events';
import { LABEL_OWNER, LABEL_RUN } from './labels';
import { downRun } from './topology-down';

export const KEPT = 'kept';

const read = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** A process's start time in clock ticks since boot (/proc/PID/stat field 22): a pid reused later has another. */
function startTime(pid: number): string | undefined {
  const stat = read(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

const bootId = () => read('/proc/sys/kernel/random/boot_id')?.trim() ?? 'unknown';

/** This process, as a run's owner: boot, pid and start time. */
export function ownerLabel(pid = process.pid): string {
  return `${bootId()}/${pid}/${startTime(pid) ?? '?'}`;
}

/** Whether the process an owner label names still runs; a kept run is always alive. */
export function ownerAlive(owner: string): boolean {
  if (owner === KEPT) return true;
  const [boot, pid, start] = owner.split('/');
  if (boot !== bootId()) return false; // the machine restarted since
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 && startTime(n) === start;
}

/** Removes every run whose owner is gone; returns their ids. */
export async function reapOrphans(d: Docker, emit: EventSink): Promise<string[]> {
  const containers = await d.listContainers({ all: true, filters: { label: [LABEL_RUN, LABEL_OWNER] } });
  const orphans = new Map<string, string>();
  for (const c of containers) {
    const owner = c.Labels[LABEL_OWNER]!;
    if (!ownerAlive(owner)) orphans.set(c.Labels[LABEL_RUN]!, owner);
  }
  for (const [run, owner] of orphans) {
    emit({ kind: 'warning', message: `run ${run} lost its process (${owner.split('/')[1] ?? '?'}): removing it` });
    await downRun(d, run, emit);
  }
  return [...orphans.keys()];
}
