// The paper's MTU table (IV-B, Table IV) end to end: each scenario in
// scenarios/mtu-*.yaml runs on real containers, and beyond its own
// assertions the numbers that matter are checked here: 1420 and 1240.
import test from 'ava';
import type { ProbeRecord } from '../../sim/assert/measured-data';
import { loadScenario } from '../../sim/plan/index';
import { silent } from '../../sim/report/events';
import { runScenario, type ScenarioResult } from '../../sim/scenario/run-scenario';

const run = (name: string) => runScenario(loadScenario(`scenarios/${name}.yaml`), { emit: silent, evidenceDir: 'aplus-evidence' });
const probe = (r: ScenarioResult, name: string): ProbeRecord => {
  const p = r.measured.probes?.find((x) => x.name === name);
  if (!p) throw new Error(`${r.scenario}: no probe ${name}`);
  return p;
};
const holds = (r: ScenarioResult) => r.verdicts.map((v) => `${v.pass ? 'pass' : 'FAIL'} ${v.message}`).join('\n');

test.serial('the paper\'s settings: 1420 and 1240 get through, ICMP says 1460 and 1400, large transfers stall', async (t) => {
  const r = await run('mtu-paper');
  t.true(r.pass, holds(r));
  t.like(probe(r, 'pmtu-room1'), { ok: true, pathMtu: 1420, icmpMtus: [1460] });
  t.like(probe(r, 'pmtu-room2'), { ok: true, pathMtu: 1240, icmpMtus: [1400] });
  t.like(probe(r, 'upload-room1'), { ok: false, reason: 'stalled' });
  t.true((r.measured.counters.prr?.drops['ipv6-fragment'] ?? 0) > 0, 'room 2\'s fragments dropped at the PRR');
});

test.serial('fix: DHCP option 26 gives the clients Table IV\'s MTUs, and transfers complete', async (t) => {
  const r = await run('mtu-fix-dhcp');
  t.true(r.pass, holds(r));
  t.like(probe(r, 'pmtu-room1'), { pathMtu: 1420 });
  t.like(probe(r, 'pmtu-room2'), { pathMtu: 1240 });
  t.like(probe(r, 'upload-room1'), { ok: true, bytes: 2_000_000 });
  t.like(probe(r, 'download-room2'), { ok: true, bytes: 2_000_000 });
});

test.serial('fix: MSS clamping carries TCP both ways', async (t) => {
  const r = await run('mtu-fix-mss');
  t.true(r.pass, holds(r));
  t.like(probe(r, 'upload-room1'), { ok: true });
  t.like(probe(r, 'download-room2'), { ok: true });
});

test.serial('fix: tunnel PMTU discovery, ICMP tells 1420 and 1240; Call of Duty still stalls, a listening sender works', async (t) => {
  const r = await run('mtu-fix-pmtud');
  t.true(r.pass, holds(r));
  t.like(probe(r, 'pmtu-room1'), { pathMtu: 1420 });
  t.is(Math.min(...probe(r, 'pmtu-room1').icmpMtus!), 1420);
  t.like(probe(r, 'pmtu-room2'), { pathMtu: 1240 });
  t.like(probe(r, 'call-of-duty'), { ok: false, received: 0 });
  t.like(probe(r, 'well-behaved'), { ok: true, size: 1420 });
  t.true((r.measured.icmp?.prr?.fragNeeded ?? 0) > 0, 'the PRR answered the server');
});

test.serial('a black-hole router stalls uploads until it sends Packet Too Big again', async (t) => {
  const r = await run('mtu-black-hole');
  t.true(r.pass, holds(r));
  t.deepEqual(r.events.map((e) => [e.at, e.ok]), [[10, true]]);
  t.like(probe(r, 'upload-dark'), { ok: false });
  t.like(probe(r, 'upload-after'), { ok: true });
});

test.serial('a link shrinking mid-run: the SMAP follows from 1420 to 1240', async (t) => {
  const r = await run('mtu-link-change');
  t.true(r.pass, holds(r));
  t.like(probe(r, 'pmtu-before'), { pathMtu: 1420 });
  t.like(probe(r, 'pmtu-after'), { pathMtu: 1240 });
});
