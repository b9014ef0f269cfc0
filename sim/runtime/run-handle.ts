// A run's nodes as the runtime's interface gives them: by planned name,
// with exec, files, logs and memory; the container ids stay in here.
import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { InputError } from '../model/errors';
import type { EventSink } from '../report/events';
import { execIn } from './exec';
import { listContainersOfRuns } from './list-runs';
import type { NodeRef, NodeUsage, RunHandle } from './runtime';
import { downRun } from './topology-down';

/** A node and the container that is it. */
export interface ContainerNode extends NodeRef {
  readonly containerId: string;
}

export function runHandle(d: Docker, runId: string, containers: readonly ContainerNode[], emit: EventSink): RunHandle {
  const ids = new Map(containers.map((c) => [c.name, c.containerId]));
  const nodes: ReadonlyMap<string, NodeRef> = new Map(containers.map((c) => [c.name, { name: c.name, role: c.role }]));
  const idOf = (node: string): string => {
    const id = ids.get(node);
    if (!id) throw new Error(`no node named ${node} in run ${runId}`);
    return id;
  };
  let downing: Promise<void> | undefined;
  return {
    runId,
    nodes,
    async exec(node, cmd, opts) {
      return execIn(d, idOf(node), cmd, opts);
    },
    async readFile(node, path) {
      const r = await this.exec(node, ['base64', '-w0', path]);
      if (r.exitCode !== 0) throw new Error(`${node}:${path}: ${r.stderr.trim()}`);
      return Buffer.from(r.stdout, 'base64');
    },
    async logs(node) {
      const raw = await d.getContainer(idOf(node)).logs({ stdout: true, stderr: true, follow: false, timestamps: true });
      return demuxLogs(raw);
    },
    async usage(node) {
      return cgroupUsage(idOf(node));
    },
    down: () => (downing ??= downRun(d, runId, emit).then(() => undefined)),
  };
}

/** A container's cgroup, as Docker lays it out under cgroup v1, then v2. */
function cgroupUsage(id: string): NodeUsage {
  const read = (f: string): string | undefined => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  };
  const v2 = `/sys/fs/cgroup/system.slice/docker-${id}.scope`;
  const memory = read(`/sys/fs/cgroup/memory/docker/${id}/memory.usage_in_bytes`) ?? read(`${v2}/memory.current`);
  const cpuV1 = read(`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`);
  const usec = /^usage_usec (\d+)$/m.exec(read(`${v2}/cpu.stat`) ?? '')?.[1];
  return {
    memoryBytes: memory === undefined ? undefined : Number(memory),
    cpuNanoseconds: cpuV1 !== undefined ? Number(cpuV1) : usec !== undefined ? Number(usec) * 1000 : undefined,
  };
}

/** A run that is up, found by its labels. */
export async function attachRun(d: Docker, runId: string, emit: EventSink): Promise<RunHandle> {
  const [run] = await listContainersOfRuns(d, runId);
  if (!run) throw new InputError(`no run ${runId} (see aplus ls)`);
  return runHandle(d, runId, run.nodes, emit);
}

/** A container's log as Docker sends it without a TTY (frames of an 8-byte header, stream and size, then the bytes), as text. */
export function demuxLogs(raw: Buffer | string): string {
  if (typeof raw === 'string') return raw;
  const parts: Buffer[] = [];
  let off = 0;
  while (off + 8 <= raw.length) {
    const size = raw.readUInt32BE(off + 4);
    parts.push(raw.subarray(off + 8, off + 8 + size));
    off += 8 + size;
  }
  return Buffer.concat(parts).toString();
}
