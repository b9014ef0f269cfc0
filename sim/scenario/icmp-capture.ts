// Captures what ICMP nodes send during a run (tcpdump in the node, outgoing
// packets only), then counts "fragmentation needed" and Packet Too Big with
// the project's pcap reader (sim/measure/icmp-count.ts).
import { countMtuIcmp, type IcmpCounts } from '../measure/icmp-count';
import type { RunningTopology } from '../runtime/index';
import { LOG_DIR, RUN_DIR, SCENARIO_FILES } from '../kinds/paths';

const { icmpPcap: PCAP, icmpPid: PID, icmpLog: LOG } = SCENARIO_FILES;

export interface IcmpCapture {
  /** Stops every capture and counts; a node whose capture failed is left out (its check has no data). */
  stop(): Promise<Record<string, IcmpCounts>>;
}

export async function startIcmpCapture(run: RunningTopology, nodes: readonly string[]): Promise<IcmpCapture> {
  await Promise.all(nodes.map(async (node) => {
    // tcpdump says "listening on" once its socket is open: traffic before that would be missed.
    // The wait for it (up to 5 s) runs in the node: one exec, not one per look.
    // --immediate-mode: otherwise libpcap hands packets over a block at a time (up to 1 s
    // late), and a Packet Too Big sent just before the stop is never written.
    const start = `mkdir -p ${RUN_DIR} ${LOG_DIR}; tcpdump -i any -Q out --immediate-mode -U -n -w ${PCAP} 'icmp or icmp6' >${LOG} 2>&1 & echo $! > ${PID}
for i in $(seq 50); do grep -q 'listening on' ${LOG} && break; sleep 0.1; done`;
    await run.exec(node, ['sh', '-c', start]);
  }));
  return {
    async stop() {
      const out: Record<string, IcmpCounts> = {};
      await Promise.all(nodes.map(async (node) => {
        // tcpdump writes what it holds as it exits: read the file only after that (up to 5 s).
        await run.exec(node, ['sh', '-c', `kill -INT $(cat ${PID}) 2>/dev/null; for i in $(seq 50); do kill -0 $(cat ${PID}) 2>/dev/null || break; sleep 0.1; done`]);
        const bytes = await run.readFile(node, PCAP).catch(() => undefined);
        if (!bytes) return;
        try {
          out[node] = countMtuIcmp(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        } catch {
          /* not a pcap (tcpdump failed): no data for this node */
        }
      }));
      return out;
    },
  };
}
