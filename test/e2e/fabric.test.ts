// The fabric: nodes without Docker networks, joined by bridges in their run's
// own namespace. Emulated traffic has no way out to the host, the host's links
// and routes stay as they were, two runs of one topology are up at once, and
// a run whose process was killed is removed by the next command.
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import test from 'ava';
import { requireDocker } from '../../sim/runtime/docker-client';
import { macFor } from '../../sim/runtime/fabric';
import { LABEL_OWNER } from '../../sim/runtime/labels';
import { leftovers, sh, upFile } from '../helpers/docker';
import { cli } from '../helpers/cli';

const SEED = 'topologies/seed-2010.yaml';

/** The host's links (names) and routes, as ip prints them. */
const hostNet = () => ({
  links: execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).split('\n').map((l) => l.split(/\s+/)[1]).filter(Boolean).sort(),
  routes: execFileSync('ip', ['route', 'show', 'table', 'all'], { encoding: 'utf8' }) + execFileSync('ip', ['-6', 'route', 'show', 'table', 'all'], { encoding: 'utf8' }),
});

/** The host's own address toward its uplink. */
const uplink = () => (JSON.parse(execFileSync('ip', ['-j', '-4', 'route', 'get', '192.0.2.1'], { encoding: 'utf8' })) as Array<{ prefsrc: string }>)[0]!.prefsrc;

test('emulated traffic has no path to the host, the host\'s links and routes do not change, and conntrack runs only in the NAT roles', async (t) => {
  const d = await requireDocker();
  const before = hostNet();
  let runId = '';
  {
    await using run = await upFile(SEED);
    runId = run.runId;
    t.deepEqual(hostNet(), before, 'while the run is up');
    // A SMAP and a server have no route to the host's uplink; a client's packets end at its SMAP or the PRR.
    for (const [node, target] of [['room1', uplink()], ['room1', '192.0.2.1'], ['web', uplink()], ['web', '192.0.2.1'], ['prr', '192.0.2.1']] as const) {
      const r = await run.exec(node, ['ping', '-c', '1', '-W', '1', target]);
      t.not(r.exitCode, 0, `${node} reached ${target}`);
      t.regex(r.stdout + r.stderr, /Network is unreachable|100% packet loss/, `${node} -> ${target}`);
    }
    for (const target of [uplink(), '192.0.2.1']) t.not((await run.exec('b', ['ping', '-c', '1', '-W', '1', target])).exitCode, 0, `b reached ${target}`);
    // Through the A+P system as usual, then count tracked connections where they are.
    t.regex(await sh(run, 'b', 'curl -s -m 5 -o /dev/null -w "%{http_code}" "http://198.51.100.80:8080/x?bytes=0"'), /^200$/);
    const count = async (node: string) => Number((await sh(run, node, 'cat /proc/sys/net/netfilter/nf_conntrack_count 2>/dev/null || echo 0')).trim());
    const counts = Object.fromEntries(await Promise.all(['b', 'room1', 'prr', 'lab-router', 'web'].map(async (n) => [n, await count(n)] as const)));
    t.log('conntrack entries after a curl:', counts);
    t.is(counts.b, 0, 'a client tracks nothing');
    t.is(counts.web, 0, 'a server tracks nothing');
    t.is(counts['lab-router'], 0, 'an IPv6 router tracks nothing');
    t.true(counts.room1! > 0, 'the SMAP tracks its NAT');
  }
  t.deepEqual(hostNet(), before, 'after the run');
  t.deepEqual(await leftovers(d, runId), { containers: 0, networks: 0 });
});

test('two runs of one topology, same subnets, are up at once, each on its own bridges, then both go', async (t) => {
  const d = await requireDocker();
  const ids: string[] = [];
  {
    await using a = await upFile(SEED, { bare: true });
    await using b = await upFile(SEED, { bare: true });
    ids.push(a.runId, b.runId);
    for (const run of [a, b]) {
      // Three tries: with two runs coming up on two cores, a first echo can be lost while neighbours are resolved.
      t.regex(await sh(run, 'room1', 'ping -6 -c 3 -i 0.5 -W 2 2001:db8:7301:d002::711 || true'), /[1-3] received/);
      // The lab router room1 reached is its own run's, by the MAC its run gave it.
      const neigh = await sh(run, 'room1', 'ip -6 neigh show 2001:db8:7301:4666::fe');
      t.regex(neigh, new RegExp(`lladdr ${macFor(run.runId, 'lab-router', 'link')}`), run.runId);
      t.regex(await sh(run, 'b', 'ping -c 3 -i 0.5 -W 2 192.168.1.1 || true'), /[1-3] received/);
    }
  }
  for (const id of ids) t.deepEqual(await leftovers(d, id), { containers: 0, networks: 0 });
});

test('a run whose aplus was killed (SIGKILL) is removed by the next up; a run of aplus up is kept', async (t) => {
  const d = await requireDocker();
  const kept = await cli('up', SEED, '--bare');
  t.is(kept.code, 0, kept.err);
  const keptId = kept.out.trim();
  const child = spawn(process.execPath, ['bin/aplus.js', 'run', 'scenarios/seed-2010-sharing.yaml'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let killedId = '';
  let third = '';
  t.teardown(async () => {
    child.kill('SIGKILL');
    for (const id of [keptId, killedId, third]) if (id) await cli('down', id);
  });
  for await (const line of createInterface({ input: child.stderr! })) {
    const m = /^up (\S+): /.exec(line); // the run is up: its traffic starts
    if (m) {
      killedId = m[1]!;
      child.kill('SIGKILL');
      break;
    }
  }
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.on('exit', r)));
  const orphan = await d.listContainers({ all: true, filters: { label: [`aplus.run=${killedId}`] } });
  t.is(orphan.length, 10, 'nothing took the killed run down');
  t.regex(orphan[0]!.Labels[LABEL_OWNER]!, new RegExp(`/${child.pid}/`));

  const next = await cli('up', SEED, '--bare');
  t.is(next.code, 0, next.err);
  third = next.out.trim();
  t.regex(next.err, new RegExp(`run ${killedId} lost its process \\(${child.pid}\\): removing it`));
  t.deepEqual(await leftovers(d, killedId), { containers: 0, networks: 0 });
  t.deepEqual((await leftovers(d, keptId)).containers, 10, 'the kept run is still there');
  for (const id of [keptId, third]) t.is((await cli('down', id)).code, 0);
  t.deepEqual(await leftovers(d, keptId), { containers: 0, networks: 0 });
});
