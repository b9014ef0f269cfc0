// A 10-port room (paper IV-B: "with 10 ports only, it becomes really
// difficult"): more connections at once than ports, and the SMAP's NAT runs
// out where it should: exactly its 10 ports in use, none outside its range,
// and the failures counted by the SMAP's conntrack, not lost elsewhere.
import test from 'ava';
import { COUNTERS_FILE } from '../../sim/aplus/daemon/counters-file';
import { parseConntrack, parseConntrackStats, portsInUse } from '../../sim/measure/conntrack/index';
import { sh, upFile } from '../helpers/docker';

test.serial('15 held connections through a 10-port SMAP: 10 ports used, all in range, the rest refused by its NAT', async (t) => {
  await using run = await upFile('topologies/range-10.yaml');
  // 15 TCP connections to one server port, held 8 s: each needs its own source port.
  await sh(run, 'b', 'for i in $(seq 15); do (sleep 8 | nc -w 9 198.51.100.80 80 >/dev/null 2>&1 &); done; sleep 3');
  const { entries } = parseConntrack(await sh(run, 'room1', 'conntrack -L 2>/dev/null'));
  const used = portsInUse(entries, { shared: '198.51.100.27', range: { first: 10000, last: 10009 } });
  t.is(used.http, 10);
  t.deepEqual(used.outOfRange, []);
  const failures = parseConntrackStats(await sh(run, 'room1', 'conntrack -S'));
  t.true(failures.insertFailed >= 5, `insert_failed ${failures.insertFailed}`);
  // Nothing was lost in the tunnel: the PRR dropped nothing.
  const prr = JSON.parse((await run.readFile('prr', COUNTERS_FILE)).toString()) as { drops: Record<string, number> };
  t.is(Object.values(prr.drops).reduce((a, b) => a + b, 0), 0);
});
