// Golden packet tests, in the manner of Jool's graybox tests and Snabb
// lwAFTR's end-to-end checks: each case file (cases/*.txt, README.md) feeds
// its packets to one path of the data plane, and what comes out must be the
// case's hex byte for byte, with its verdicts and counters. The hex was
// written independently of the project's codec and is checked by tshark
// (tshark.test.ts); rig.test.ts runs the same cases through the daemons.
import test from 'ava';
import { readGoldenCases } from './case-file';
import { countedView, expectedView } from './counters-view';
import { runGoldenCase } from './run-case';

const cases = readGoldenCases();
const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('hex') : '(none)');

test('there is a golden case for each behaviour the issues list, on every path it concerns', (t) => {
  t.deepEqual(cases.map((c) => c.name), [
    'prr-downstream-dispatch',
    'prr-downstream-fragments',
    'prr-downstream-icmp',
    'prr-downstream-icmp-translate',
    'prr-downstream-ip-options',
    'prr-downstream-link-padding',
    'prr-downstream-malformed',
    'prr-downstream-pmtud-rate-limit',
    'prr-downstream-pmtud-sources',
    'prr-downstream-psid',
    'prr-downstream-too-big',
    'prr-downstream-ttl',
    'prr-hairpin',
    'prr-upstream-dispatch',
    'prr-upstream-fragments',
    'prr-upstream-icmp',
    'prr-upstream-icmp-translate',
    'prr-upstream-ip-options',
    'prr-upstream-ipv6-extensions',
    'prr-upstream-link-padding',
    'prr-upstream-malformed',
    'prr-upstream-psid',
    'prr-upstream-spoofing',
    'prr-upstream-ttl',
    'smap-downstream',
    'smap-downstream-ip-options',
    'smap-downstream-ipv6-extensions',
    'smap-downstream-link-padding',
    'smap-downstream-ttl',
    'smap-upstream',
    'smap-upstream-ip-options',
    'smap-upstream-link-padding',
    'smap-upstream-ttl',
  ]);
});

for (const c of cases) {
  test(`golden: ${c.name}`, (t) => {
    const got = runGoldenCase(c);
    t.deepEqual(
      got.verdicts.map((v, i) => `${c.packets[i]!.what}: ${v}`),
      c.packets.map((p) => `${p.what}: ${p.verdict}`),
    );
    const want = c.packets.flatMap((p) => (p.output ? [p] : []));
    t.is(got.outputs.length, want.length, 'as many packets out as the case expects');
    want.forEach((p, i) => t.is(hex(got.outputs[i]), hex(p.output), `${c.file}:${p.line} ${p.what}: output`));
    t.deepEqual([...got.counters.keys()], [...c.counters.keys()], 'counters for each node the case names');
    for (const [node, counters] of got.counters) t.deepEqual(countedView(counters.toJSON()), expectedView(c.counters.get(node)!), `${node} counters`);
  });
}
