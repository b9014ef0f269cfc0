// What the runtime gets for each node: its kind's image, CPU weight,
// sysctls and devices, and node-setup.mjs with the node's steps.
import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlan } from '../../../sim/plan/index';
import { nodeStart } from '../../../sim/kinds/index';
import { NODE_CMD } from '../../../sim/kinds/node-start';
import { decodeSteps, SETUP_ENV } from '../../../sim/node-setup/steps';

const { plan } = loadPlan('topologies/seed-2010.yaml');
const start = (name: string, bare = false) => nodeStart(plan.nodes.find((n) => n.name === name)!, plan, { bare });

test('every node runs node-setup.mjs with its steps, and is ready when it says it is wired', (t) => {
  const s = start('room1');
  t.deepEqual([s.image, s.cmd.slice(0, 2), s.readyMark], ['smap', ['bash', '-c'], 'aplus: wired']);
  t.true(s.cmd[2]!.startsWith('node /opt/aplus/node-setup.mjs || exit 1\n'));
  const steps = decodeSteps(s.env[SETUP_ENV]!);
  t.deepEqual(steps[0], { waitInterfaces: ['wan', 'lan'], seconds: 60 });
  t.like(steps.at(-1), { daemon: 'smap', supervise: true });
});

test('bare: the wiring only', (t) => {
  const steps = decodeSteps(start('room1', true).env[SETUP_ENV]!);
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

/** NODE_CMD with node-setup replaced by `setup` and the supervised file by `file`: the watch itself, run by bash here. */
function watch(setup: string, file: string) {
  const script = NODE_CMD[2]!.replaceAll('node /opt/aplus/node-setup.mjs', setup).replaceAll('/run/aplus/supervised', file);
  return spawn('bash', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
}
const ended = (c: ReturnType<typeof spawn>) => new Promise<{ code: number | null; err: string }>((resolve) => {
  let err = '';
  c.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  c.on('exit', (code) => resolve({ code, err }));
});

test('the node lives as long as each of its daemons: the first to end fails it, named', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aplus-watch-'));
  const a = spawn('sleep', ['30']), b = spawn('sleep', ['30']);
  writeFileSync(join(dir, 'supervised'), `internet ${a.pid}\nhttp-echo ${b.pid}\n`);
  const node = watch('true', join(dir, 'supervised'));
  const end = ended(node);
  await new Promise((r) => setTimeout(r, 300));
  t.is(node.exitCode, null, 'alive while both run');
  b.kill();
  const { code, err } = await end;
  a.kill();
  t.is(code, 1);
  t.is(err.trim(), 'http-echo exited');
});

test('a node whose setup failed ends at once; one without daemons idles', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aplus-watch-'));
  t.is((await ended(watch('false', join(dir, 'none')))).code, 1);
  const idle = watch('true', join(dir, 'none'));
  await new Promise((r) => setTimeout(r, 300));
  t.is(idle.exitCode, null);
  idle.kill();
});
