// The scenario's generators: each in the foreground of one exec, started
// together once all have said they are ready, over when its exec ends;
// errors, late and hung generators reported; Ctrl-C stops the wait.
// A fake topology stands in for Docker: its generators say they are ready
// and end when the test says, and it keeps what each was sent on stdin.
import test from 'ava';
import type { AplusEvent } from '../../../sim/report/events';
import type { ExecOptions, ExecResult } from '../../../sim/runtime/exec';
import type { RunningTopology } from '../../../sim/runtime/index';
import { generatorCommand, runGenerators, START_MARGIN_MS } from '../../../sim/scenario/generator-runs';
import type { TrafficItem } from '../../../sim/scenario/traffic-plan';
import { GENERATOR_READY, parseStartLine } from '../../../sim/traffic/generator/start-handshake';

const item = (index: number, client: string, duration = 0.05): TrafficItem =>
  ({ index, client, smap: 'room1', seed: index + 1, start: 0, duration, profile: { name: 'base', timeScale: 1 } }) as unknown as TrafficItem;

/**
 * A generator per client: says it is ready `readyMs` after its exec starts
 * (never if absent), and ends `ms` after the start it is sent with `code`; without
 * a start line (stdin ended), it ends at once with 4, as the real one does.
 * A client with no entry never says anything and never ends by itself.
 */
type Plan = Record<string, { readyMs?: number; ms: number; code: number }>;

interface Fake {
  readonly run: RunningTopology;
  /** Node and argv of every exec, in order. */
  readonly seen: string[][];
  /** What each client was sent on stdin, once its stdin ended. */
  readonly stdin: Map<string, string>;
  /** When each client said it was ready, epoch milliseconds. */
  readonly readyAt: Map<string, number>;
}

function fakeRun(plan: Plan): Fake {
  const seen: string[][] = [], stdin = new Map<string, string>(), readyAt = new Map<string, number>();
  const exec = (node: string, cmd: readonly string[], opts?: ExecOptions) =>
    new Promise<ExecResult>((resolve) => {
      seen.push([node, ...cmd]);
      const p = plan[node];
      const timers: NodeJS.Timeout[] = [];
      const end = (exitCode: number) => (timers.forEach(clearTimeout), resolve({ exitCode, stdout: '', stderr: '' }));
      if (p?.readyMs !== undefined) timers.push(setTimeout(() => (readyAt.set(node, Date.now()), opts?.onLine?.(GENERATOR_READY)), p.readyMs));
      let text = '';
      opts?.stdin?.on('data', (b: Buffer) => (text += b.toString())).on('end', () => {
        stdin.set(node, text);
        if (!p) return;
        const at = parseStartLine(text);
        if (at === undefined) end(4);
        else timers.push(setTimeout(() => end(p.code), Math.max(0, at - Date.now()) + p.ms));
      });
      if (opts?.signal?.aborted) end(-1);
      else opts?.signal?.addEventListener('abort', () => end(-1));
    });
  return { run: { exec } as unknown as RunningTopology, seen, stdin, readyAt };
}

const warnings = (events: AplusEvent[]) => events.map((e) => (e.kind === 'warning' ? e.message : e.kind));

test('every generator runs in its client, in the foreground, is sent one start line once all are ready, and the wait ends when the last one does', async (t) => {
  const fake = fakeRun({ a: { readyMs: 10, ms: 20, code: 0 }, b: { readyMs: 150, ms: 120, code: 0 } });
  const events: AplusEvent[] = [];
  const done: number[] = [];
  const g = runGenerators(fake.run, [item(0, 'a'), item(1, 'b')], '198.51.100.80', { emit: (e) => events.push(e), progress: (n) => done.push(n) });
  const { t0, readyS } = await g.started;
  await g.done;
  t.deepEqual(fake.seen.map((c) => c.slice(0, 3)), [['a', 'sh', '-c'], ['b', 'sh', '-c']]);
  // One start, the same for both, a margin after the last was ready.
  t.deepEqual([...fake.stdin.values()], [`start ${t0}\n`, `start ${t0}\n`]);
  t.true(t0 >= fake.readyAt.get('b')! + START_MARGIN_MS, `t0 ${t0 - fake.readyAt.get('b')!} ms after b was ready`);
  t.true(readyS >= 0.14 && readyS < 1, `ready in ${readyS} s`);
  t.true(Date.now() >= t0 + 110);
  t.deepEqual(done.filter((n) => n > 0), [1, 2], 'each end, and ticks from t0');
  t.deepEqual(events, []);
});

test('a generator that ends before it is ready (a crash, bad flags) is reported and not waited for', async (t) => {
  const fake = fakeRun({ a: { readyMs: 10, ms: 10, code: 0 } });
  const crashed = { exec: (node: string, cmd: readonly string[], opts?: ExecOptions) =>
    node === 'bad' ? Promise.resolve({ exitCode: 2, stdout: '', stderr: '' }) : fake.run.exec(node, cmd, opts) } as unknown as RunningTopology;
  const events: AplusEvent[] = [];
  const started = Date.now();
  const g = runGenerators(crashed, [item(0, 'a'), item(1, 'bad')], '198.51.100.80', { emit: (e) => events.push(e), progress: () => {} });
  await g.started;
  t.true(Date.now() - started < 2000);
  await g.done;
  t.deepEqual(warnings(events), ['generator 1 in bad exited 2; see /var/log/aplus/generator-1.log']);
});

test('generators not ready by the limit are named and sent the start all the same; one that then never ends is given up on', async (t) => {
  const fake = fakeRun({ a: { readyMs: 5, ms: 10, code: 3 }, slow: { ms: 10, code: 0 } });
  const events: AplusEvent[] = [];
  const g = runGenerators(fake.run, [item(0, 'a'), item(1, 'slow'), item(2, 'hung')], '198.51.100.80',
    { emit: (e) => events.push(e), progress: () => {}, giveUpS: 0.1, readyLimitS: 0.2 });
  const { t0 } = await g.started;
  await g.done;
  t.deepEqual(fake.stdin.get('slow'), `start ${t0}\n`);
  t.deepEqual(warnings(events), [
    '2 generators not ready 0.2 s after starting (slow, hung): sent the start all the same; their flows begin late',
    'generator 0 in a exited 3; see /var/log/aplus/generator-0.log',
    'generator 2 in hung given up on 0.1 s past its planned end; see /var/log/aplus/generator-2.log',
  ]);
});

test('an aborted run stops waiting at once, sends no start, and warns of nothing', async (t) => {
  const ctl = new AbortController();
  const fake = fakeRun({ a: { readyMs: 5, ms: 3_600_000, code: 0 } });
  const events: AplusEvent[] = [];
  setTimeout(() => ctl.abort('SIGINT'), 30);
  const began = Date.now();
  // Node ends a process on a rejection left unhandled even for a moment (ava only counts those never handled).
  const unhandled: unknown[] = [];
  const note = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', note);
  t.teardown(() => process.off('unhandledRejection', note));
  // More generators than execs made at once: some still wait for a slot when the run stops.
  const many = Array.from({ length: 40 }, (_, i) => item(i, i === 0 ? 'a' : `c${i}`, 3600));
  const g = runGenerators(fake.run, many, '198.51.100.80', { emit: (e) => events.push(e), progress: () => {}, signal: ctl.signal });
  const e = await t.throwsAsync(g.started);
  t.is(e?.cause, 'SIGINT');
  await g.done;
  t.true(Date.now() - began < 2000);
  t.deepEqual([...new Set(fake.stdin.values())], [''], 'stdin ended without a start');
  t.deepEqual(unhandled, []);
  t.deepEqual(events, []);

  const before = new AbortController();
  before.abort();
  const g2 = runGenerators(fakeRun({}).run, [item(0, 'a', 3600)], '198.51.100.80', { emit: (e) => events.push(e), progress: () => {}, signal: before.signal });
  await t.throwsAsync(g2.started);
  await g2.done;
  t.deepEqual(events, []);
});

test('the command writes the profile, then becomes the generator, started on stdin at its own offset, its errors in its log', (t) => {
  const cmd = generatorCommand({ ...item(4, 'c'), start: 2.5 }, '198.51.100.80');
  const lines = cmd.split('\n');
  t.is(lines.length, 2);
  t.regex(lines[0]!, /^mkdir -p \/run\/aplus \/var\/log\/aplus && echo [A-Za-z0-9+/=]+ \| base64 -d > \/run\/aplus\/profile-4\.json \|\| exit 3$/);
  t.regex(lines[1]!, /^exec node \/opt\/aplus\/generator\.mjs --profile \/run\/aplus\/profile-4\.json --client c --smap room1 --dns 198\.51\.100\.80 .* --seed 5 --start-at stdin --offset 2\.5 --out \/var\/log\/aplus\/flows-4\.jsonl 2>\/var\/log\/aplus\/generator-4\.log$/);
});
