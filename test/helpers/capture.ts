// tcpdump inside a node as a second instrument: started and awaited until it
// listens, stopped by a pattern anchored on its own command line, and read
// back with tcpdump's own filters. A capture that lost packets (the kernel's
// count of drops before tcpdump read them) cannot stand against a counter,
// so stopping says how many it lost.
import type { RunningTopology } from '../../sim/runtime/index';
import { sh } from './docker';

/** A 32 MiB capture buffer: the default 2 MiB lost packets under a loaded machine's bursts. */
const BUFFER_KIB = 32768;

export interface Capture {
  /** Stops tcpdump; resolves with what it said it captured and what the kernel dropped before it could. */
  stop(): Promise<{ captured: number; dropped: number }>;
  /** Packets of the capture that match a tcpdump filter, as tcpdump counts them. */
  count(filter: string): Promise<number>;
}

export async function startCapture(run: RunningTopology, node: string, name: string, args: string): Promise<Capture> {
  const cmd = `tcpdump --immediate-mode -B ${BUFFER_KIB} ${args} -U -w /tmp/${name}.pcap`;
  await sh(run, node, `(setsid ${cmd}; echo "tcpdump exit $?") >/tmp/${name}.log 2>&1 </dev/null & ` +
    `i=0; until grep -q "listening on" /tmp/${name}.log; do i=$((i+1)); [ $i -lt 100 ] || exit 1; sleep 0.1; done`);
  return {
    async stop() {
      const pattern = `^${cmd.split(' -w ')[0]}`;
      const log = await sh(run, node, `pkill -INT -f "${pattern}"; until grep -q "tcpdump exit" /tmp/${name}.log; do sleep 0.1; done; cat /tmp/${name}.log`);
      const n = (what: string) => Number(new RegExp(`(\\d+) packets? ${what}`).exec(log)?.[1] ?? NaN);
      return { captured: n('captured'), dropped: n('dropped by kernel') };
    },
    async count(filter) {
      return Number((await sh(run, node, `tcpdump -r /tmp/${name}.pcap -nn '${filter}' 2>/dev/null | wc -l`)).trim());
    },
  };
}
