// The kernel's own view of a path's MTU, the second instrument of a pmtu
// probe: `ip -4 route get DST` shows `mtu N` once the kernel has learned a
// smaller MTU from an ICMP "fragmentation needed" (its route exception),
// and nothing while no ICMP came. A probe that heard ICMP announce MTUs must
// find the smallest of them there; one that heard none must find none.

/** The MTU of the kernel's cached route exception in `ip -4 -o route get` output, if it has one. */
export function routeMtu(text: string): number | undefined {
  const m = /\bmtu (?:lock )?(\d+)\b/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export interface KernelAgreement {
  readonly agree: boolean;
  /** What the probe's ICMP implies the kernel holds (undefined: no exception). */
  readonly expected?: number;
  readonly kernel?: number;
}

export function compareWithKernel(icmpMtus: readonly number[] | undefined, kernel: number | undefined): KernelAgreement {
  const expected = icmpMtus && icmpMtus.length > 0 ? Math.min(...icmpMtus) : undefined;
  return { agree: expected === kernel, ...(expected === undefined ? {} : { expected }), ...(kernel === undefined ? {} : { kernel }) };
}

export const describeKernelView = (k: number | undefined): string => (k === undefined ? 'no MTU learned' : `mtu ${k}`);
