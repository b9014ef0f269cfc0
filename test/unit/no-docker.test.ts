// Without a Docker daemon, commands that need one exit 3 and say how to start it.
import test from 'ava';

// Before anything creates the Docker client: point it at a socket that does not exist.
process.env.DOCKER_HOST = 'unix:///nonexistent/aplus-test/docker.sock';
const { cli } = await import('../helpers/cli');

test('with no Docker daemon, ls exits 3 with a way to start one', async (t) => {
  const r = await cli('ls');
  t.is(r.code, 3);
  const [first, hint] = r.err.split('\n');
  t.regex(first!, /^aplus: no Docker daemon answers \(.*ENOENT.*\)$/);
  t.regex(hint!, /^ {2}start one.*scripts\/setup-host\.sh/);
});

test('with no Docker daemon, up of a good file exits 3 and a bad file still exits 2', async (t) => {
  t.is((await cli('up', 'topologies/seed-2010.yaml')).code, 3);
  t.is((await cli('up', 'topologies/nonexistent.yaml')).code, 2);
});
