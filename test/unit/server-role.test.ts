// What a server runs besides the emulated Internet: the HTTP echo, and an
// iperf3 server on its default port, waited for until it listens.
import test from 'ava';
import { loadPlan } from '../../sim/plan/index';
import { IPERF_PORT, roleScript } from '../../sim/roles/index';
import { profilePorts } from '../../sim/roles/server-role';

const { plan } = loadPlan('topologies/seed-2010.yaml');
const setup = roleScript(plan.nodes.find((n) => n.name === 'web')!, plan).setup;

test("every server runs iperf3 on its default port 5201, which no profile uses", (t) => {
  t.is(IPERF_PORT, 5201);
  const used = profilePorts();
  t.false([...used.tcp, ...used.peers, ...used.udp].includes(IPERF_PORT));
  t.true(setup.includes('\niperf3 --server --port 5201 --daemon --pidfile /run/aplus/iperf3.pid --logfile /var/log/aplus/iperf3.log\n'));
});

test('the server is up only once iperf3 listens, and says so when it does not within 10 s', (t) => {
  t.true(setup.includes("until ss -Hltn 'sport = :5201' | grep -q .; do"));
  t.regex(setup, /\[ \$i -lt 100 \] \|\| \{ echo "iperf3 not listening on 5201 after 10 s:" >&2; tail -n 5 \/var\/log\/aplus\/iperf3\.log >&2; exit 1; \}/);
  // After the programs the emulated Internet depends on.
  t.true(setup.indexOf('iperf3 --server') > setup.indexOf('/opt/aplus/http-echo.mjs'));
});
