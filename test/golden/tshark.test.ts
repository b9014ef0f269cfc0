// The golden cases read by an oracle that shares no code with the project:
// tshark (Wireshark's dissectors) decodes every packet of every case, the
// inputs and expected outputs as the case files give them and the outputs
// the cores make, and must read in each what the case file says (addresses,
// ports, TTL, lengths, extension headers...). Every output must also carry
// valid IPv4, TCP, UDP and ICMP checksums. A missing tshark fails the test
// (scripts/setup-host.sh installs it), as a missing chromium does.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRawPcap } from '../../sim/measure/pcap';
import { readGoldenCases, type FieldExpectations } from './case-file';
import { runGoldenCase } from './run-case';

interface Decoded {
  readonly where: string;
  readonly bytes: Uint8Array;
  readonly expect: FieldExpectations;
  /** Outputs: every checksum tshark can check must be good. */
  readonly output: boolean;
}

const CHECKSUMS = ['ip.checksum.status', 'tcp.checksum.status', 'udp.checksum.status', 'icmp.checksum.status'];
/** tshark's checksum status: 0 bad, 1 good, 2 not verified. */
const GOOD = '1';

/** One tshark run over all the packets: each packet's value of each field (first occurrence), '' when absent. */
function tshark(packets: readonly Uint8Array[], fields: readonly string[]): Map<string, string>[] {
  const dir = mkdtempSync(join(tmpdir(), 'aplus-tshark-'));
  try {
    const pcap = join(dir, 'golden.pcap');
    writeFileSync(pcap, writeRawPcap(packets));
    // Each IPv4 fragment read alone, as the stateless PRR reads it (tshark would hold a first fragment for reassembly).
    const prefs = [...['ip', 'tcp', 'udp'].flatMap((p) => ['-o', `${p}.check_checksum:TRUE`]), '-o', 'ip.defragment:FALSE'];
    const r = spawnSync('tshark', ['-n', '-r', pcap, ...prefs, '-T', 'fields', '-E', 'occurrence=f', '-E', 'separator=/t', ...fields.flatMap((f) => ['-e', f])], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      throw new Error("tshark is not installed: run scripts/setup-host.sh (it installs Debian's tshark, the golden tests' independent decoder)");
    }
    if (r.status !== 0) throw new Error(`tshark exited with ${r.status}: ${r.stderr.slice(-2000)}`);
    const lines = r.stdout.split('\n').slice(0, packets.length);
    if (lines.length !== packets.length) throw new Error(`tshark decoded ${lines.length} of ${packets.length} packets`);
    return lines.map((l) => new Map(l.split('\t').map((v, i) => [fields[i]!, v])));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('tshark reads in every golden packet what its case file says, and every output has valid checksums', (t) => {
  const all: Decoded[] = [];
  for (const c of readGoldenCases()) {
    const outputs = runGoldenCase(c).outputs;
    let k = 0;
    for (const p of c.packets) {
      const at = `${c.file.replace(/.*\/test\//, 'test/')}:${p.line} ${p.what}`;
      all.push({ where: `${at} (in)`, bytes: p.input, expect: p.inputFields, output: false });
      if (!p.output) continue;
      all.push({ where: `${at} (out, the case's hex)`, bytes: p.output, expect: p.outputFields, output: true });
      const made = outputs[k++];
      if (made) all.push({ where: `${at} (out, as the cores made it)`, bytes: made, expect: p.outputFields, output: true });
    }
  }
  const fields = [...new Set([...all.flatMap((d) => Object.keys(d.expect)), ...CHECKSUMS, 'tcp.srcport', 'udp.srcport', 'icmp.type'])];
  const decoded = tshark(all.map((d) => d.bytes), fields);
  const wrong: string[] = [];
  all.forEach((d, i) => {
    const got = decoded[i]!;
    for (const [field, want] of Object.entries(d.expect)) {
      if (got.get(field) !== want) wrong.push(`${d.where}: ${field} is "${got.get(field)}", the case says "${want}"`);
    }
    if (!d.output) return;
    // A TCP or UDP header quoted in an ICMP error is cut at 8 bytes (RFC 792): its checksum cannot be checked.
    const icmp = got.get('icmp.type') !== '';
    const present = { 'ip.checksum.status': true, 'tcp.checksum.status': !icmp && got.get('tcp.srcport') !== '', 'udp.checksum.status': !icmp && got.get('udp.srcport') !== '', 'icmp.checksum.status': icmp };
    for (const [field, there] of Object.entries(present)) {
      if (there && got.get(field) !== GOOD) wrong.push(`${d.where}: ${field} is "${got.get(field)}", not good`);
    }
  });
  t.deepEqual(wrong, []);
  // Sure to have looked: every packet had something to check.
  t.true(all.every((d) => d.output || Object.keys(d.expect).length > 0));
  t.true(all.length > 150, `${all.length} packets decoded`);
});
