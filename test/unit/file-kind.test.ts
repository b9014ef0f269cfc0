// A scenario given to the command for topologies, or a topology to the one
// for scenarios, says which command takes it, exit 2, before Docker.
import test from 'ava';
import { fileKind } from '../../sim/model/file-kind';
import { cli } from '../helpers/cli';

// Before anything creates the Docker client: `up` and `run` must refuse before they need one.
process.env.DOCKER_HOST = 'unix:///nonexistent/aplus-test/docker.sock';

test('a file with topology: is a scenario, one with the PRR, SMAPs or networks a topology', (t) => {
  t.deepEqual([fileKind({ topology: 'x.yaml' }), fileKind({ prr: {}, smaps: [] }), fileKind({ core: {} }), fileKind({ name: 'x' }), fileKind('text')], ['scenario', 'topology', 'topology', 'unknown', 'unknown']);
});

test('a scenario given to up says to run it, exit 2, before Docker', async (t) => {
  const r = await cli('up', 'scenarios/mtu-paper.yaml');
  t.is(r.code, 2);
  t.is(r.err, 'aplus: scenarios/mtu-paper.yaml is a scenario: run it with `aplus run scenarios/mtu-paper.yaml`\n');
  t.is(r.out, '');
});

test('a topology given to run says to bring it up, exit 2, before Docker', async (t) => {
  const r = await cli('run', 'topologies/seed-2010.yaml');
  t.is(r.code, 2);
  t.is(r.err, "aplus: topologies/seed-2010.yaml is a topology: bring it up with `aplus up topologies/seed-2010.yaml`, or name it in a scenario's `topology:`\n");
  t.is(r.out, '');
});

test('a topology named to test is that scenario\'s error, saying the same', async (t) => {
  const r = await cli('test', '--list', 'topologies/seed-2010.yaml');
  t.is(r.code, 2);
  t.regex(r.out, /^seed-2010 +topologies\/seed-2010\.yaml {2}BAD: topologies\/seed-2010\.yaml is a topology: bring it up with `aplus up topologies\/seed-2010\.yaml`/m);
});

test('run --json into a folder that does not exist is refused before anything runs, exit 2, as test refuses it', async (t) => {
  const r = await cli('run', 'scenarios/mtu-paper.yaml', '--json', 'no/such/dir/r.json');
  t.is(r.code, 2);
  t.regex(r.err, /^aplus: --json no\/such\/dir\/r\.json: no folder no\/such\/dir \(usage: aplus run /);
  t.is(r.out, '');
});
