// The scenario's generators: each in the foreground of one exec, over when
// that exec ends; errors and hung generators reported; Ctrl-C stops the wait.
// A fake topology stands in for Docker: its execs end when the test says.
import test from 'ava';
import type { AplusEvent } from '../../../sim/report/events';
import type { ExecOptions, ExecResult } from '../../../sim/runtime/exec';
import type { RunningTopology } from '../../../sim/runtime/index';
import { generatorCommand, runGenerators, warmUpSeconds } from '../../../sim/scenario/generator-runs';
import type { TrafficItem } from '../../../sim/scenario/traffic-plan';

const item = (index: number, client: string, duration = 0.05): TrafficItem =>
  ({ index, client, smap: 'room1', start: 0, duration, profile: { name: 'base', timeScale: 1 } }) as unknown as TrafficItem;

/** Execs that end after `ms` with `code`, per client; a client with no entry never ends by itself. */
function fakeRun(plan: Record<string, { ms: number; code: number }>, seen: string[][] = []): RunningTopology {
  const exec = (node: string, cmd: readonly string[], opts?: ExecOptions) =>
    new Promise<ExecResult>((resolve) => {
      seen.push([node, ...cmd]);
      const p = plan[node];
      const t = p ? setTimeout(() => resolve({ exitCode: p.code, stdout: '', stderr: '' }), p.ms) : undefined;
      const abort = () => (clearTimeout(t), resolve({ exitCode: -1, stdout: '', stderr: '' }));
      if (opts?.signal?.aborted) abort();
      else opts?.signal?.addEventListener('abort', abort);
    });
  return { exec } as unknown as RunningTopology;
}

test('every generator runs in its client, in the foreground, and the wait ends when the last one does', async (t) => {
  const seen: string[][] = [];
  const events: AplusEvent[] = [];
  const done: number[] = [];
  const started = Date.now();
  await runGenerators(fakeRun({ a: { ms: 20, code: 0 }, b: { ms: 120, code: 0 } }, seen), [item(0, 'a'), item(1, 'b')], '198.51.100.80',
    { emit: (e) => events.push(e), progress: (n) => done.push(n), warmUpS: 0 }).done;
  t.true(Date.now() - started >= 110);
  t.deepEqual(seen.map((c) => c.slice(0, 3)), [['a', 'sh', '-c'], ['b', 'sh', '-c']]);
  t.deepEqual(done, [1, 2]);
  t.deepEqual(events, []);
});

test('a generator that exits with an error, and one that never ends, are reported; the others are waited for', async (t) => {
  const events: AplusEvent[] = [];
  await runGenerators(fakeRun({ a: { ms: 10, code: 3 }, b: { ms: 30, code: 0 } }), [item(0, 'a'), item(1, 'b'), item(2, 'hung')], '198.51.100.80',
    { emit: (e) => events.push(e), progress: () => {}, giveUpS: 0.1, warmUpS: 0 }).done;
  t.deepEqual(events.map((e) => (e.kind === 'warning' ? e.message : e.kind)), [
    'generator 0 in a exited 3; see /var/log/aplus/generator-0.log',
    'generator 2 in hung given up on 0.1 s past its planned end; see /var/log/aplus/generator-2.log',
  ]);
});

test('an aborted run stops waiting at once, also for generators not started yet, and warns of nothing', async (t) => {
  const ctl = new AbortController();
  const events: AplusEvent[] = [];
  setTimeout(() => ctl.abort(), 30);
  const started = Date.now();
  await runGenerators(fakeRun({}), [item(0, 'a', 3600), item(1, 'b', 3600)], '198.51.100.80', { emit: (e) => events.push(e), progress: () => {}, signal: ctl.signal }).done;
  t.true(Date.now() - started < 2000);
  t.deepEqual(events, []);
  const before = new AbortController();
  before.abort();
  await runGenerators(fakeRun({}), [item(0, 'a', 3600)], '198.51.100.80', { emit: (e) => events.push(e), progress: () => {}, signal: before.signal }).done;
  t.deepEqual(events, []);
});

test('the programs start now and their profiles at t0 plus their start, t0 a warm-up away that grows with their number', async (t) => {
  const seen: string[][] = [];
  const before = Date.now();
  const g = runGenerators(fakeRun({ a: { ms: 1, code: 0 }, b: { ms: 1, code: 0 } }, seen), [item(0, 'a'), { ...item(1, 'b'), start: 0.2 }], '198.51.100.80',
    { emit: () => {}, progress: () => {}, warmUpS: 5 });
  await g.done;
  t.true(g.t0 >= before + 5000);
  const startAt = (c: string[]) => Number(/--start-at (\d+)/.exec(c[3]!)![1]);
  t.deepEqual(seen.map(startAt), [g.t0, g.t0 + 200]);
  t.is(warmUpSeconds(0), 0);
  t.is(warmUpSeconds(13), 9.8);
  t.is(warmUpSeconds(100), 62);
  t.is(warmUpSeconds(1000), 90);
});

test('the command writes the profile, then becomes the generator, its output in its log', (t) => {
  const cmd = generatorCommand({ ...item(4, 'c'), start: 2.5 }, '198.51.100.80', 1_795_972_145_000);
  const lines = cmd.split('\n');
  t.is(lines.length, 2);
  t.regex(lines[0]!, /^mkdir -p \/run\/aplus \/var\/log\/aplus && echo [A-Za-z0-9+/=]+ \| base64 -d > \/run\/aplus\/profile-4\.json \|\| exit 3$/);
  t.regex(lines[1]!, /^exec node \/opt\/aplus\/generator\.mjs --profile \/run\/aplus\/profile-4\.json --client c --smap room1 --dns 198\.51\.100\.80 .* --seed 5 --start-at 1795972145000 --out \/var\/log\/aplus\/flows-4\.jsonl >\/var\/log\/aplus\/generator-4\.log 2>&1$/);
});
