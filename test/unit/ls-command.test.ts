// aplus ls with a fake list of runs (no Docker): an unknown run is bad input.
import test from 'ava';
import { makeContext } from '../../sim/cli/context';
import { makeLsCommand } from '../../sim/cli/cmd-ls';
import type { RunInfo } from '../../sim/runtime/index';
import { main } from '../../sim/cli';

const up: RunInfo = { runId: 'small-3f9a1c', topology: 'small', created: '2025-01-01T00:00:00Z', nodes: [{ name: 'prr', role: 'prr', state: 'running', addresses: ['2001:db8:1::1'] }] };

async function ls(...argv: string[]) {
  let out = '', err = '';
  const io = { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } };
  const command = makeLsCommand({ listRuns: async (id) => [up].filter((r) => id === undefined || r.runId === id) });
  // As main runs a command: errors to exit codes.
  const code = await command(argv, makeContext(io, false, new AbortController().signal)).catch((e: Error & { exitCode?: number }) => ((err += `aplus: ${e.message}\n`), e.exitCode ?? 3));
  return { code, out, err };
}

test('ls of a run that is not up says so and exits 2', async (t) => {
  t.deepEqual(await ls('small-000000'), { code: 2, out: '', err: 'aplus: no run small-000000 (see aplus ls)\n' });
});

test('ls of a run that is up lists its nodes, exit 0', async (t) => {
  const r = await ls('small-3f9a1c');
  t.is(r.code, 0);
  t.regex(r.out, /^small-3f9a1c {2}\(small, up since 2025-01-01T00:00:00Z\)\n {2}prr {3}prr {5}running {2}2001:db8:1::1\n$/);
});

test('ls with no run up says "no runs", exit 0', async (t) => {
  let out = '';
  const command = makeLsCommand({ listRuns: async () => [] });
  const code = await command([], makeContext({ out: { write: (s: string) => (out += s) }, err: { write: () => true } }, false, new AbortController().signal));
  t.deepEqual([code, out], [0, 'no runs\n']);
});

test('without Docker the real ls exits 3, as every command that needs it', async (t) => {
  process.env.DOCKER_HOST = 'unix:///nonexistent/aplus-test/docker.sock';
  t.is(await main(['ls', 'nope'], { out: { write: () => true }, err: { write: () => true } }), 3);
});
