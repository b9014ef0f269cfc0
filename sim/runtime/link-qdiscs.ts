// What a link impairment asks of the kernel, and the tc commands that make
// it on one port of the fabric (pure). A rate is a token bucket (sch_tbf); a
// delay or a loss needs netem (sch_netem), which some kernels lack: this
// machine's 6.18 has tbf and htb, and no netem. What the kernel lacks is
// found before anything is made (kernel-qdiscs.ts), and refused with exit 3.
import type { Impairment } from '../model/impairment';

/** The kernel modules an impairment needs, by the name a user can load (modprobe). */
export function qdiscModules(i: Impairment): string[] {
  return [
    ...(i.delayMs !== undefined || i.lossPercent !== undefined ? ['sch_netem'] : []),
    ...(i.rateKbit !== undefined ? ['sch_tbf'] : []),
  ];
}

/**
 * tc words (one `tc -batch` line each) that set a port's impairment, replacing
 * any it had; no impairment deletes the root qdisc (back to the default).
 * netem first (delay, loss), then the bucket under it, as tc-netem(8) shows.
 */
export function qdiscCommands(dev: string, i: Impairment | undefined): string[][] {
  const del = ['qdisc', 'del', 'dev', dev, 'root'];
  if (!i || (i.rateKbit === undefined && i.delayMs === undefined && i.lossPercent === undefined)) return [del];
  const tbf = (parent: string[]) => {
    const bytesPerS = (i.rateKbit! * 1000) / 8;
    // A bucket of 10 ms of traffic, at least a few full frames: smaller starves TCP at low rates.
    const burst = Math.max(4 * 1514, Math.round(bytesPerS / 100));
    return ['qdisc', 'replace', 'dev', dev, ...parent, 'tbf', 'rate', `${i.rateKbit}kbit`, 'burst', String(burst), 'latency', '100ms'];
  };
  if (i.delayMs === undefined && i.lossPercent === undefined) return [tbf(['root', 'handle', '1:'])];
  const netem = ['qdisc', 'replace', 'dev', dev, 'root', 'handle', '1:', 'netem',
    ...(i.delayMs === undefined ? [] : ['delay', `${i.delayMs}ms`]),
    ...(i.lossPercent === undefined ? [] : ['loss', `${i.lossPercent}%`])];
  return i.rateKbit === undefined ? [netem] : [netem, tbf(['parent', '1:', 'handle', '2:'])];
}
