// The counters file names the PRR's per-SMAP entries with the topology's
// names, carried to the PRR by its configuration in the paper's format.
import test from 'ava';
import { compileRangeTable, Counters, paperConfigToRangeTableInput, parsePaperConfig } from '../../../sim/aplus/core';
import { countersFileJson, prrOwner } from '../../../sim/aplus/daemon/counters-file';
import { loadPlan } from '../../../sim/plan/index';
import { prrConfigText } from '../../../sim/kinds/index';

const kernel = { tunQueue: 0, rawSocket: 3 };
const at = new Date('2026-01-02T03:04:05.000Z');

test('the PRR names each per-SMAP entry with the SMAP\'s name, IPv6 address and range from the topology', (t) => {
  const { plan } = loadPlan('topologies/mtu-rooms.yaml');
  const text = prrConfigText(plan.nodes.find((n) => n.role === 'prr')!);
  t.regex(text, /^Cpe1Name room1$/m);
  const table = compileRangeTable(paperConfigToRangeTableInput(parsePaperConfig(text)));
  const counters = new Counters(table.smaps.length);
  counters.countDrop('too-big', 1);
  const json = countersFileJson(prrOwner(table), counters.toJSON(), kernel, at);
  t.like(json, { role: 'prr', at: '2026-01-02T03:04:05.000Z', kernel });
  t.is(json.drops['too-big'], 1);
  t.deepEqual(json.smaps, [
    { name: 'room1', ipv6: '2001:db8:7301:4666::1', ports: { first: 10000, last: 11000 }, upstream: { packets: 0, bytes: 0 }, downstream: { packets: 0, bytes: 0 }, drops: {} },
    { name: 'room2', ipv6: '2001:db8:7301:1280::1', ports: { first: 11001, last: 12000 }, upstream: { packets: 0, bytes: 0 }, downstream: { packets: 0, bytes: 0 }, drops: { 'too-big': 1 } },
  ]);
});

test('a configuration in the paper\'s words alone (no CpeNName) still names its entries, cpeN', (t) => {
  const paper = 'PrrAddrV4 198.51.100.26\nPrrAddrV6 2001:db8::711\nIPv4Shared 198.51.100.27\nCpe1AddrV6 2001:db8::1\nCpe1PortRange 10000-11000\n';
  const table = compileRangeTable(paperConfigToRangeTableInput(parsePaperConfig(paper)));
  const json = countersFileJson(prrOwner(table), new Counters(1).toJSON(), kernel, at);
  t.like(json.smaps[0], { name: 'cpe1', ipv6: '2001:db8::1', ports: { first: 10000, last: 11000 } });
});

test('a SMAP\'s file says it is a SMAP\'s and has no per-SMAP entries', (t) => {
  const json = countersFileJson({ role: 'smap' }, new Counters().toJSON(), kernel, at);
  t.is(json.role, 'smap');
  t.deepEqual(json.smaps, []);
});

test('names and counters of different lengths are a mistake, said at once', (t) => {
  t.throws(() => countersFileJson({ role: 'prr', smaps: [] }, new Counters(2).toJSON(), kernel, at), { message: '2 per-SMAP counters for 0 SMAP names' });
});
