// What a server runs besides the emulated Internet: the HTTP echo, and an
// iperf3 server on its default port, waited for until it listens.
import test from 'ava';
import { loadPlan } from '../../../sim/plan/index';
import { IPERF_PORT, nodeSteps } from '../../../sim/kinds/index';
import { peerAddresses, profilePorts } from '../../../sim/kinds/server';

const { plan } = loadPlan('topologies/seed-2010.yaml');
const steps = nodeSteps(plan.nodes.find((n) => n.name === 'web')!, plan);

test('every server runs iperf3 on its default port 5201, which no profile uses, and is up only once it listens', (t) => {
  t.is(IPERF_PORT, 5201);
  const used = profilePorts();
  t.false([...used.tcp, ...used.peers, ...used.udp].includes(IPERF_PORT));
  t.deepEqual(steps.slice(-2), [
    { run: ['iperf3', '--server', '--port', '5201', '--daemon', '--pidfile', '/run/aplus/iperf3.pid', '--logfile', '/var/log/aplus/iperf3.log'] },
    { waitListening: 5201, seconds: 10, log: '/var/log/aplus/iperf3.log' },
  ]);
});

test('the emulated Internet and the HTTP echo are supervised daemons, started before iperf3', (t) => {
  t.deepEqual(steps.flatMap((s) => ('daemon' in s ? [[s.daemon, s.argv[1], s.supervise]] : [])), [
    ['internet', '/opt/aplus/internet.mjs', true],
    ['http', '/opt/aplus/http-echo.mjs', true],
  ]);
});

test('the first server holds the swarm\'s 1022 peer addresses, added in one ip batch', (t) => {
  const batch = steps.find((s) => 'run' in s && s.run.join(' ') === 'ip -batch -');
  t.true(batch !== undefined && 'run' in batch && batch.input === peerAddresses());
  const lines = peerAddresses().trimEnd().split('\n');
  t.is(lines.length, 1022);
  t.deepEqual([lines[0], lines[254], lines[255], lines.at(-1)], [
    'addr add 198.18.0.1/32 dev inet', 'addr add 198.18.0.255/32 dev inet', 'addr add 198.18.1.0/32 dev inet', 'addr add 198.18.3.254/32 dev inet',
  ]);
});
