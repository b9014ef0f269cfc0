import test from 'ava';
import { loadPlan } from '../../../sim/plan/index';
import { wireSteps } from '../../../sim/kinds/wiring';

const { plan } = loadPlan('topologies/seed-2010.yaml');
const node = (name: string) => plan.nodes.find((n) => n.name === name)!;

test('a SMAP waits for its planned interfaces, then is wired IPv6-only on its uplink, with its route via the lab router', (t) => {
  t.deepEqual(wireSteps(node('room1'), plan.networks), [
    // The runtime makes the interfaces after the container starts: the node waits for both, 60 s at most.
    { waitInterfaces: ['wan', 'lan'], seconds: 60 },
    { run: ['ip', 'link', 'set', 'dev', 'wan', 'up'] },
    { run: ['ip', '-6', 'addr', 'add', '2001:db8:7301:4666::1/64', 'dev', 'wan', 'nodad'] },
    { run: ['ip', 'link', 'set', 'dev', 'lan', 'up'] },
    { run: ['ip', '-4', 'addr', 'add', '192.168.1.1/24', 'dev', 'lan'] },
    { run: ['ip', '-6', 'route', 'replace', 'default', 'via', '2001:db8:7301:4666::fe'] },
  ]);
});

test('a client gets its LAN address and its SMAP as default router', (t) => {
  const steps = wireSteps(node('a'), plan.networks);
  t.deepEqual(steps.slice(-2), [
    { run: ['ip', '-4', 'addr', 'add', '192.168.2.121/24', 'dev', 'lan'] },
    { run: ['ip', '-4', 'route', 'replace', 'default', 'via', '192.168.2.1'] },
  ]);
});
