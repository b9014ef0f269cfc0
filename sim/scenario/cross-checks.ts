// The run's figures against second instruments, as verdicts: the delivered
// TCP flows against the servers' logs, and each pmtu probe against its
// client's kernel. A disagreement fails the run: one of its figures is wrong.
import { crossCheckVerdict, type Verdict } from '../assert/index';
import type { ProbeRecord } from '../assert/measured-data';
import { compareWithKernel, describeKernelView } from '../measure/kernel-pmtu';
import { describeCrossCheck, type ServerCrossCheck } from '../measure/server-cross-check';

export function crossCheckVerdicts(first: number, serverCheck: ServerCrossCheck | undefined, probes: readonly ProbeRecord[]): Verdict[] {
  const out: Verdict[] = [];
  if (serverCheck) {
    out.push(crossCheckVerdict(first, 'flows seen by the server', serverCheck.agreed === serverCheck.checked, describeCrossCheck(serverCheck)));
  }
  for (const p of probes.filter((x) => x.kind === 'pmtu')) {
    const k = compareWithKernel(p.icmpMtus, p.kernelRouteMtu);
    const heard = p.icmpMtus?.length ? `ICMP said ${p.icmpMtus.join(', ')}` : 'no ICMP';
    out.push(crossCheckVerdict(first + out.length, `probe ${p.name} against ${p.client}'s kernel`, k.agree, `${heard}; ip route get: ${describeKernelView(k.kernel)}`));
  }
  return out;
}
