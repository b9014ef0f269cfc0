// What the runtime gets for each node: its kind's image, CPU weight,
// sysctls and devices, and the bash rendered from the node's steps.
import test from 'ava';
import { loadPlan } from '../../../sim/plan/index';
import { nodeStart } from '../../../sim/kinds/index';
import { nodeSteps } from '../../../sim/kinds/node-start';
import { renderSteps } from '../../../sim/node-setup/render-shell';

const { plan } = loadPlan('topologies/seed-2010.yaml');
const start = (name: string, bare = false) => nodeStart(plan.nodes.find((n) => n.name === name)!, plan, { bare });

const node = (name: string) => plan.nodes.find((n) => n.name === name)!;

test('every node runs the bash of its steps, and is ready when it says it is wired', (t) => {
  const s = start('room1');
  const steps = nodeSteps(node('room1'), plan);
  t.deepEqual([s.image, s.cmd, s.readyMark, s.env], ['smap', ['bash', '-c', renderSteps(steps)], 'aplus: wired', {}]);
  t.deepEqual(steps[0], { waitInterfaces: ['wan', 'lan'], seconds: 60 });
  t.like(steps.at(-1), { daemon: 'smap', supervise: true });
});

test('bare: the wiring only', (t) => {
  const steps = nodeSteps(node('room1'), plan, { bare: true });
  t.is(steps.length, 6);
  t.false(steps.some((s) => 'daemon' in s || 'nft' in s));
});

test('CPU weights, forwarding and the TUN device by kind', (t) => {
  const row = (name: string) => {
    const s = start(name);
    return [s.cpuWeight, s.sysctls['net.ipv4.ip_forward'], s.sysctls['net.ipv6.conf.all.forwarding'], s.devices.length];
  };
  t.deepEqual(['prr', 'room1', 'lab-router', 'web', 'a'].map(row), [
    [32768, '1', '1', 1],
    [4096, '1', '1', 1],
    [4096, '1', '1', 1],
    [4096, '0', '0', 0],
    [1024, '0', '0', 0],
  ]);
});

test('a SMAP\'s own connections stay in its range; the PRR accepts its own ICMP from its TUN', (t) => {
  t.is(start('room1').sysctls['net.ipv4.ip_local_port_range'], '10000 11000');
  t.like(start('prr').sysctls, { 'net.ipv4.conf.all.accept_local': '1', 'net.ipv4.conf.default.accept_local': '1' });
  t.is(start('a').sysctls['net.ipv4.conf.all.accept_local'], undefined);
  // Every node: no router advertisements, no reverse-path filter.
  t.like(start('a').sysctls, { 'net.ipv6.conf.all.accept_ra': '0', 'net.ipv4.conf.all.rp_filter': '0', 'net.ipv6.conf.all.disable_ipv6': '0' });
});
