// Golden packet tests, in the manner of Jool's graybox tests and Snabb
// lwAFTR's end-to-end checks: each case feeds input.pcap to one core and
// compares what comes out, byte for byte, with expected.pcap, and the
// counters with expected.json. Fixtures: `npx tsx test/golden/make-fixtures.ts`.
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { buildIpv6, parseIpv6 } from '../../sim/aplus/codec';
import {
  compileRangeTable,
  Counters,
  paperConfigToRangeTableInput,
  parsePaperConfig,
  prrDownstream,
  prrUpstream,
  SEED_POLICY,
  smapConfig,
  smapDownstream,
  smapUpstream,
} from '../../sim/aplus/core';
import { ipv4ToText, ipv6ToText } from '../../sim/aplus/codec';
import { LINKTYPE, readPcap } from '../../sim/measure/pcap';

const here = new URL('./', import.meta.url);
const config = parsePaperConfig(readFileSync(new URL('prr.conf', here), 'utf8'), 'test/golden/prr.conf');
const table = compileRangeTable(paperConfigToRangeTableInput(config));

interface Expected {
  readonly core: 'prr-upstream' | 'prr-downstream' | 'smap-upstream' | 'smap-downstream';
  readonly room?: number;
  readonly packets: readonly { readonly what: string; readonly verdict: string }[];
  readonly counters: unknown;
}

function packetsOf(url: URL): Uint8Array[] {
  const file = readPcap(new Uint8Array(readFileSync(url)));
  if (file.header.linktype !== LINKTYPE.RAW) throw new Error(`${url.pathname}: linktype ${file.header.linktype}, expected RAW`);
  return file.records.map((r) => r.data);
}

/** The kernel's part of a raw AF_INET6 socket: strip the IPv6 header on receive, add one on send. */
function fromWire(packet: Uint8Array): { src: Uint8Array; payload: Uint8Array } {
  const p = parseIpv6(packet);
  if (!p.ok || p.value.upperProtocol !== 4) throw new Error('input is not an IPv4-in-IPv6 packet');
  return { src: p.value.header.src, payload: p.value.upperPayload };
}
const toWire = (src: Uint8Array, dst: Uint8Array, inner: Uint8Array): Uint8Array => buildIpv6({ src, dst, nextHeader: 4, hopLimit: 64 }, inner);

function run(expected: Expected, inputs: Uint8Array[]): { outputs: Uint8Array[]; verdicts: string[]; counters: Counters } {
  const outputs: Uint8Array[] = [];
  const verdicts: string[] = [];
  const policy = SEED_POLICY;
  if (expected.core.startsWith('prr')) {
    const counters = new Counters(table.smaps.length);
    for (const input of inputs) {
      if (expected.core === 'prr-upstream') {
        const { src, payload } = fromWire(input);
        const v = prrUpstream(table, policy, counters, src, payload);
        if (v.kind === 'forward') outputs.push(v.packet);
        verdicts.push(v.kind === 'drop' ? `drop ${v.reason}` : v.kind);
      } else {
        const v = prrDownstream(table, policy, counters, input);
        if (v.kind === 'encap') outputs.push(toWire(config.prrAddrV6, v.dst, v.inner));
        if (v.kind === 'reply') outputs.push(v.packet);
        verdicts.push(v.kind === 'drop' ? `drop ${v.reason}` : v.kind === 'reply' ? `reply ${v.dropped.reason}` : `encap smap ${v.smap}`);
      }
    }
    return { outputs, verdicts, counters };
  }
  const room = config.cpes[expected.room ?? 0]!;
  const cfg = smapConfig({ shared: ipv4ToText(config.shared), prr: ipv6ToText(config.prrAddrV6), first: room.first, last: room.last });
  const counters = new Counters();
  for (const input of inputs) {
    if (expected.core === 'smap-upstream') {
      const v = smapUpstream(cfg, policy, counters, input);
      if (v.kind === 'encap') outputs.push(toWire(room.addrV6, v.dst, v.inner));
      verdicts.push(v.kind === 'drop' ? `drop ${v.reason}` : v.kind);
    } else {
      const { src, payload } = fromWire(input);
      const v = smapDownstream(cfg, policy, counters, src, payload);
      if (v.kind === 'deliver') outputs.push(v.packet);
      verdicts.push(v.kind === 'drop' ? `drop ${v.reason}` : v.kind);
    }
  }
  return { outputs, verdicts, counters };
}

const cases = readdirSync(new URL('cases/', here)).sort();

test('there is a golden case for each behaviour the brief lists', (t) => {
  t.deepEqual(cases, [
    'prr-downstream-dispatch',
    'prr-downstream-fragments',
    'prr-downstream-icmp',
    'prr-downstream-malformed',
    'prr-downstream-too-big',
    'prr-upstream-dispatch',
    'prr-upstream-fragments',
    'prr-upstream-icmp',
    'prr-upstream-malformed',
    'prr-upstream-spoofing',
    'smap-downstream',
    'smap-upstream',
  ]);
});

for (const name of cases) {
  test(`golden: ${name}`, (t) => {
    const dir = new URL(`cases/${name}/`, here);
    const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Expected;
    const inputs = packetsOf(new URL('input.pcap', dir));
    const want = packetsOf(new URL('expected.pcap', dir));
    t.is(inputs.length, expected.packets.length);
    const got = run(expected, inputs);
    t.deepEqual(
      got.verdicts.map((v, i) => `${expected.packets[i]!.what}: ${v}`),
      expected.packets.map((p) => `${p.what}: ${p.verdict}`),
    );
    t.is(got.outputs.length, want.length);
    got.outputs.forEach((out, i) => t.is(Buffer.from(out).toString('hex'), Buffer.from(want[i]!).toString('hex'), `output packet ${i}`));
    t.deepEqual(got.counters.toJSON(), expected.counters);
  });
}
