// tcpdump on one link of the rig, for the whole of a stage: what crossed it
// so far, as IP packets (the Ethernet header taken off), read from the file
// tcpdump writes packet by packet.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ipPacketOf, readPcap } from '../../../sim/measure/pcap';
import type { GoldenRig, RigNs } from './netns-rig';
import { systemCommand } from './system-command';

export interface Capture {
  /** Every packet so far (IP, link header off). */
  packets(): Uint8Array[];
  stop(): Promise<void>;
}

/** Captures what `direction` crosses `ifname` in `ns` (in: what the kernel receives there, out: what it sends). */
export async function startCapture(rig: GoldenRig, ns: RigNs, ifname: string, direction: 'in' | 'out', filter: readonly string[] = []): Promise<Capture> {
  const file = join(rig.dir, `${ns}-${ifname}-${direction}.pcap`);
  const dump = rig.spawn(ns, [systemCommand('tcpdump'), '-n', '-U', '--immediate-mode', '-i', ifname, '-Q', direction, '-w', file, ...filter]);
  let err = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tcpdump on ${ns} ${ifname} did not start: ${err}`)), 10_000);
    dump.stderr?.on('data', (b: Buffer) => {
      err += b.toString();
      if (err.includes('listening on')) (clearTimeout(timer), resolve());
    });
    dump.on('exit', (code) => (clearTimeout(timer), reject(new Error(`tcpdump on ${ns} ${ifname} exited ${code}: ${err}`))));
  });
  let last: Uint8Array[] = [];
  return {
    packets() {
      try {
        const pcap = readPcap(new Uint8Array(readFileSync(file)));
        last = pcap.records.map((r) => {
          const ip = ipPacketOf(pcap.header.linktype, r.data, pcap.header.littleEndian);
          if (!ip.ok) throw new Error(`${file}: ${ip.reason}`);
          return ip.packet;
        });
      } catch (e) {
        // A record tcpdump is still writing: what was whole before.
        if (!(e instanceof Error && e.name === 'PcapError')) throw e;
      }
      return last;
    },
    async stop() {
      if (dump.exitCode !== null) return;
      dump.kill('SIGINT');
      await once(dump, 'exit');
    },
  };
}
