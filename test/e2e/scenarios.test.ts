// The paper's port-range verdicts (IV-B), run as scenarios: the same
// Facebook traffic fails with 10 ports and is carried with 1000, and the
// 10-port failure is the SMAP's NAT running out, counted there.
import test from 'ava';
import { loadScenario } from '../../sim/plan/index';
import { silent } from '../../sim/report/events';
import { runScenario } from '../../sim/scenario/run-scenario';

const run = (file: string) => runScenario(loadScenario(file), { emit: silent });
const delivered = (flows: ReadonlyArray<{ ok: boolean }>) => flows.filter((f) => f.ok).length / flows.length;

test.serial('with 10 ports web-facebook fails because the SMAP runs out of ports; with 1000 it is delivered', async (t) => {
  const ten = await run('scenarios/range-10-web-facebook.yaml');
  const thousand = await run('scenarios/range-1000-web-facebook.yaml');
  t.log(`10 ports: ${(delivered(ten.measured.flows) * 100).toFixed(1)}% delivered, NAT failures ${ten.measured.natFailures?.room1}; ` +
    `1000 ports: ${(delivered(thousand.measured.flows) * 100).toFixed(1)}%; overheads ${ten.overheadSeconds.toFixed(1)} s, ${thousand.overheadSeconds.toFixed(1)} s`);

  // Both scenarios hold: each says what the paper says.
  t.true(ten.pass, ten.verdicts.map((v) => v.message).join('\n'));
  t.true(thousand.pass, thousand.verdicts.map((v) => v.message).join('\n'));
  // Opposite outcomes for the same traffic.
  t.is(ten.measured.flows.length, thousand.measured.flows.length);
  t.true(delivered(ten.measured.flows) < 0.99);
  t.true(delivered(thousand.measured.flows) >= 0.99);
  // For the right reason: the 10-port SMAP's NAT could not map connections, the 1000-port one always could,
  // and nothing was lost in the tunnel or at the PRR.
  t.true((ten.measured.natFailures?.room1 ?? 0) > 0);
  t.is(thousand.measured.natFailures?.room1, 0);
  for (const r of [ten, thousand]) {
    const prrDrops = Object.values(r.measured.counters.prr?.drops ?? {}).reduce((a, b) => a + (b ?? 0), 0);
    t.is(prrDrops, 0, `${r.scenario}: PRR drops`);
    t.true(r.measured.ports.every((s) => s.outOfRange === 0));
  }
  // Toward one destination port no more than the range's 10 ports were ever in use
  // (the kernel may reuse a port toward another destination: Table V).
  t.true(ten.measured.ports.every((s) => s.http <= 10 && s.https <= 10 && s.dns <= 10));
  t.is(Math.max(...ten.measured.ports.map((s) => s.http)), 10, 'the HTTP connections filled the range');
});
