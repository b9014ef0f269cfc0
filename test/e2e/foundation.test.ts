// The foundation on Docker: seed-2010 comes up wired and addressed as the
// file says, IPv6-only on the core, and leaves nothing behind.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import test from 'ava';
import { requireDocker } from '../../sim/runtime/docker-client';
import { downRun } from '../../sim/runtime/topology-down';
import { silent } from '../../sim/report/events';
import type { AplusEvent } from '../../sim/report/events';
import { leftovers, sh, upFile } from '../helpers/docker';
import { cli } from '../helpers/cli';

const SEED = 'topologies/seed-2010.yaml';

interface IpAddr {
  ifname: string;
  addr_info: Array<{ family: 'inet' | 'inet6'; local: string; prefixlen: number; scope: string }>;
}
const addresses = async (run: Parameters<typeof sh>[0], node: string) =>
  Object.fromEntries(
    (JSON.parse(await sh(run, node, 'ip -j addr show')) as IpAddr[])
      // lo, and the tunnel devices of the A+P roles (tested with the data plane)
      .filter((i) => !['lo', 'prr0', 'tnl0'].includes(i.ifname))
      .map((i) => [i.ifname, i.addr_info.filter((a) => a.scope === 'global').map((a) => `${a.local}/${a.prefixlen}`).sort()]),
  );

test('seed-2010 comes up bare with the nodes and addresses of the file, an IPv6-only core, and goes away on down', async (t) => {
  const d = await requireDocker();
  let runId = '';
  {
    await using run = await upFile(SEED, { bare: true });
    runId = run.runId;
    t.deepEqual([...run.nodes.values()].map((n) => `${n.role}:${n.name}`).sort(), [
      'client:a', 'client:b', 'client:c', 'client:d', 'prr:prr', 'router:lab-router', 'server:web', 'smap:room1', 'smap:room2',
    ]);
    t.deepEqual(await addresses(run, 'prr'), { core: ['2001:db8:7301:d002::711/64'], inet: ['198.51.100.26/24'] });
    t.deepEqual(await addresses(run, 'lab-router'), { core: ['2001:db8:7301:d002::1/64'], link: ['2001:db8:7301:4666::fe/64'] });
    t.deepEqual(await addresses(run, 'room1'), { wan: ['2001:db8:7301:4666::1/64'], lan: ['192.168.1.1/24'] });
    t.deepEqual(await addresses(run, 'room2'), { wan: ['2001:db8:7301:4666::2/64'], lan: ['192.168.2.1/24'] });
    t.deepEqual(await addresses(run, 'a'), { lan: ['192.168.2.121/24'] });
    t.deepEqual(await addresses(run, 'b'), { lan: ['192.168.1.142/24'] });
    t.deepEqual(await addresses(run, 'web'), { inet: ['198.51.100.80/24'] });

    // The core and the link carry no IPv4 at all inside the containers.
    for (const [node, dev] of [['prr', 'core'], ['lab-router', 'core'], ['lab-router', 'link'], ['room1', 'wan'], ['room2', 'wan']]) {
      t.is(await sh(run, node!, `ip -4 -o addr show dev ${dev}`), '', `${node} ${dev}`);
    }
    // SMAPs and the PRR reach each other over IPv6, through the lab router.
    for (const smap of ['room1', 'room2']) {
      t.regex(await sh(run, smap, 'ping -6 -c 2 -W 2 2001:db8:7301:d002::711'), /2 received/);
    }
    t.regex(await sh(run, 'prr', 'ping -6 -c 1 -W 2 2001:db8:7301:4666::2'), /1 received/);
    // A client reaches its SMAP, and nothing beyond its LAN: bare, there is no data plane.
    t.regex(await sh(run, 'b', 'ping -c 1 -W 2 192.168.1.1'), /1 received/);
    for (const target of ['198.51.100.80', '198.51.100.26', '192.168.2.121', '192.168.2.1']) {
      const r = await run.exec('b', ['ping', '-c', '1', '-W', '1', target]);
      t.not(r.exitCode, 0, `b reached ${target}`);
    }
    t.not((await run.exec('b', ['curl', '-s', '-m', '2', 'http://198.51.100.80/'])).exitCode, 0);
    // No Docker network: the run's networks are bridges in its fabric, a container with no network of its own.
    t.is((await d.listNetworks({ filters: { label: [`aplus.run=${runId}`] } })).length, 0);
    const fabric = await d.listContainers({ filters: { label: [`aplus.run=${runId}`, 'aplus.role=fabric'] } });
    t.is(fabric.length, 1);
    t.is(fabric[0]!.HostConfig.NetworkMode, 'none');
  }
  t.deepEqual(await leftovers(d, runId), { containers: 0, networks: 0 });
});

test('Ctrl-C in the middle of up removes everything it had made', async (t) => {
  const d = await requireDocker();
  const child = spawn(process.execPath, ['bin/aplus.js', 'up', SEED, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let runId = '';
  t.teardown(async () => {
    child.kill('SIGKILL');
    if (runId) await downRun(d, runId, silent);
  });
  let interruptedAfter = 0;
  for await (const line of createInterface({ input: child.stderr })) {
    if (!line.startsWith('{')) continue;
    const e = JSON.parse(line) as AplusEvent;
    if (e.kind === 'network-created') runId = e.run;
    if (e.kind === 'node-started' && interruptedAfter === 0) {
      interruptedAfter = e.done;
      child.kill('SIGINT');
    }
  }
  const code = await new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', r)));
  t.is(code, 130);
  t.true(runId.startsWith('seed-2010-'));
  t.true(interruptedAfter >= 1);
  t.deepEqual(await leftovers(d, runId), { containers: 0, networks: 0 });
});

test('down --all removes the leftovers of a run that never came down', async (t) => {
  const d = await requireDocker();
  const run = await upFile(SEED); // as if its process had crashed: no down
  t.teardown(() => run.down());
  t.deepEqual(await leftovers(d, run.runId), { containers: 10, networks: 0 }); // 9 nodes and the fabric
  const ls = await cli('ls');
  t.regex(ls.out, new RegExp(`^${run.runId}  \\(seed-2010, ${SEED}, up since`, 'm'));
  t.regex(ls.out, /^ {2}room1 +smap +running +192\.168\.1\.1 2001:db8:7301:4666::1$/m);
  t.notRegex(ls.out, /fabric/);
  // On a machine shared with other work, down --all would remove its runs too: then only this run goes.
  const others = (await d.listContainers({ all: true, filters: { label: ['aplus.run'] } })).filter((c) => c.Labels['aplus.run'] !== run.runId);
  if (others.length > 0) t.log(`other runs are up (${others.length} containers): down ${run.runId} instead of down --all`);
  const r = others.length > 0 ? await cli('down', run.runId) : await cli('down', '--all');
  t.is(r.code, 0, r.err);
  t.deepEqual(await leftovers(d, others.length > 0 ? run.runId : undefined), { containers: 0, networks: 0 });
});
