// What the runtime needs to start a node, whatever its kind: the runtime
// knows nothing of A+P, the kinds (sim/kinds) give it this.
export interface NodeStart {
  /** The image's role key in the ImageSet. */
  readonly image: string;
  readonly cmd: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** cgroup CPU weight (Docker's CpuShares). */
  readonly cpuWeight: number;
  /** Namespaced sysctls (net.*). */
  readonly sysctls: Readonly<Record<string, string>>;
  /** Host devices the node gets, each at the same path inside. */
  readonly devices: readonly string[];
  /** The line its output has once it is wired and set up; without it within 60 s, or with its Cmd ended, it failed. */
  readonly readyMark: string;
}
