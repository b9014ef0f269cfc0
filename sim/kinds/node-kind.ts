// A node kind: everything aplus knows of one role, in one module. The
// runtime gets from it only an image, a Cmd and its environment, a CPU
// weight, sysctls and devices (runtime/node-start.ts).
import type { Plan, PlannedNode, Role } from '../plan/plan-types';
import type { Step } from '../node-setup/steps';

/** What a kind's image carries beyond the base image. */
export interface KindImage {
  /** Programs by file name in /opt/aplus, each bundled by esbuild from a source under sim/. */
  readonly programs: Readonly<Record<string, string>>;
  /** N-API addons from build/Release. */
  readonly addons: readonly string[];
}

export interface NodeKind {
  readonly role: Role;
  readonly image: KindImage;
  /**
   * cgroup CPU weight (Docker's default 1024): it matters only when the
   * machine is busy, and then the system under test must keep up with what
   * loads it.
   */
  readonly cpuWeight: number;
  /** It forwards packets (IPv4 and IPv6) and gets /dev/net/tun. */
  readonly routing: boolean;
  /** Its own namespaced sysctls, beside every node's (sysctls.ts). */
  sysctls(node: PlannedNode): Readonly<Record<string, string>>;
  /** What it runs once wired; its daemons' ready lines are its readiness. */
  setup(node: PlannedNode, plan: Plan): Step[];
  /** The files it produces, by what they hold. */
  readonly files: Readonly<Record<string, string>>;
}
