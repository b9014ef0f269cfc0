// A scenario run that Ctrl-C stops, at any point, takes its topology down
// and throws AbortedError naming where it stopped: it never returns verdicts
// on what it measured so far. A fake topology stands in for Docker: its
// generators run until the run's signal aborts, or end at once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { AbortedError } from '../../../sim/model/errors';
import { loadScenario } from '../../../sim/plan/index';
import type { AplusEvent } from '../../../sim/report/events';
import type { ExecOptions, ExecResult } from '../../../sim/runtime/exec';
import type { RunningTopology } from '../../../sim/runtime/index';
import { runScenario, type RunOptions } from '../../../sim/scenario/run-scenario';
import { GENERATOR_READY } from '../../../sim/traffic/generator/start-handshake';

// One generator (client b): the fake's says it is ready at once, so the traffic starts a second later.
const scenario = loadScenario('scenarios/range-10-web-facebook.yaml', { host: [] });
const RUN_ID = 'range-10-fake01';

interface Fake {
  readonly bringUp: NonNullable<RunOptions['bringUp']>;
  /** Node and argv of every exec, in order. */
  readonly execs: string[][];
  readonly ups: () => number;
  readonly downs: () => number;
}

/**
 * A topology where nothing is measured: shell commands succeed with no
 * output, anything else fails, files cannot be read. Its generator ends at
 * once, or (hang) says it is ready and ends only when the run's signal aborts its exec.
 */
function fakeTopology(o: { generators: 'end' | 'hang'; onGenerator?: () => void; onDown?: () => void; downMs?: number }): Fake {
  const execs: string[][] = [];
  let ups = 0, downs = 0;
  const exec = (node: string, cmd: readonly string[], opts?: ExecOptions): Promise<ExecResult> => {
    execs.push([node, ...cmd]);
    const script = cmd[0] === 'sh' ? cmd[2] ?? '' : undefined;
    if (script?.includes('/opt/aplus/generator.mjs')) {
      o.onGenerator?.();
      if (o.generators === 'end') return Promise.resolve({ exitCode: 0, stdout: '', stderr: '' });
      return new Promise((resolve) => {
        setImmediate(() => opts?.onLine?.(GENERATOR_READY));
        const stop = () => resolve({ exitCode: -1, stdout: '', stderr: '' });
        if (opts?.signal?.aborted) stop();
        else opts?.signal?.addEventListener('abort', stop, { once: true });
      });
    }
    return Promise.resolve(script !== undefined ? { exitCode: 0, stdout: '', stderr: '' } : { exitCode: 1, stdout: '', stderr: 'fake: not measured' });
  };
  const run: RunningTopology = {
    runId: RUN_ID,
    plan: scenario.plan,
    nodes: new Map(),
    exec,
    readFile: (node, path) => Promise.reject(new Error(`${node}:${path}: fake: no such file`)),
    logs: async () => '',
    usage: async () => ({ memoryBytes: undefined, cpuNanoseconds: undefined }),
    joinNetwork: () => Promise.reject(new Error('fake: no fabric')),
    impair: () => Promise.reject(new Error('fake: no fabric')),
    down: async () => {
      downs++;
      o.onDown?.();
      if (o.downMs) await new Promise((r) => setTimeout(r, o.downMs));
    },
    [Symbol.asyncDispose]: async () => {},
  };
  return {
    bringUp: async () => (ups++, run),
    execs,
    ups: () => ups,
    downs: () => downs,
  };
}

async function interruption(p: Promise<unknown>): Promise<AbortedError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  if (!(e instanceof AbortedError)) throw new Error(`expected AbortedError, got ${e === undefined ? 'a result' : String(e)}`);
  return e;
}

const evidenceDir = () => mkdtempSync(join(tmpdir(), 'aplus-evidence-'));

test('without Ctrl-C, the same fake run returns its verdicts: the fake is a run, not a failure', async (t) => {
  const fake = fakeTopology({ generators: 'end' });
  const r = await runScenario(scenario, { emit: () => {}, bringUp: fake.bringUp, evidenceDir: evidenceDir() });
  t.is(r.runId, RUN_ID);
  t.is(r.verdicts.length, 3);
  t.is(fake.downs(), 1);
});

test("a run's overhead includes taking it down", async (t) => {
  const fake = fakeTopology({ generators: 'end', downMs: 2000 });
  const r = await runScenario(scenario, { emit: () => {}, bringUp: fake.bringUp, evidenceDir: evidenceDir() });
  // Without the down the fake's overhead is its warm-up, about 1 s (the start margin).
  t.true(r.overheadSeconds >= 2, `overhead ${r.overheadSeconds} s`);
});

test('a run given an aborted signal throws AbortedError before it brings anything up', async (t) => {
  const controller = new AbortController();
  controller.abort('SIGINT');
  const fake = fakeTopology({ generators: 'end' });
  const e = await interruption(runScenario(scenario, { emit: () => {}, signal: controller.signal, bringUp: fake.bringUp }));
  t.like(e, { signal: 'SIGINT', phase: 'up', runId: undefined, exitCode: 130 });
  t.is(fake.ups(), 0);
});

test('Ctrl-C during the warm-up takes the run down, says traffic never started, and collects nothing', async (t) => {
  const controller = new AbortController();
  const events: AplusEvent[] = [];
  const fake = fakeTopology({ generators: 'hang', onGenerator: () => controller.abort('SIGINT') });
  const e = await interruption(runScenario(scenario, { emit: (x) => events.push(x), signal: controller.signal, bringUp: fake.bringUp }));
  t.like(e, { signal: 'SIGINT', phase: 'warm-up', runId: RUN_ID });
  t.is(e.message, `interrupted by SIGINT during warm-up of run ${RUN_ID}`);
  t.is(fake.downs(), 1);
  t.false(events.some((x) => x.kind === 'traffic-started'));
  // The port sampler started in room1 and the generator in b; nothing was stopped, read or counted after.
  t.deepEqual(fake.execs.map(([node, cmd]) => `${node} ${cmd}`), ['room1 sh', 'b sh']);
});

test('SIGTERM once traffic has started takes the run down even with --keep, and gives no verdict', async (t) => {
  const controller = new AbortController();
  const fake = fakeTopology({ generators: 'hang' });
  const emit = (x: AplusEvent) => {
    if (x.kind === 'traffic-started') controller.abort('SIGTERM');
  };
  const e = await interruption(runScenario(scenario, { emit, signal: controller.signal, keep: true, bringUp: fake.bringUp }));
  t.like(e, { signal: 'SIGTERM', phase: 'traffic', runId: RUN_ID });
  t.is(fake.downs(), 1);
  t.deepEqual(fake.execs.map(([node]) => node), ['room1', 'b']);
});

test('Ctrl-C while the finished run is taken down still gives no verdict', async (t) => {
  const controller = new AbortController();
  const fake = fakeTopology({ generators: 'end', onDown: () => controller.abort('SIGINT') });
  const e = await interruption(runScenario(scenario, { emit: () => {}, signal: controller.signal, bringUp: fake.bringUp, evidenceDir: evidenceDir() }));
  t.like(e, { signal: 'SIGINT', phase: 'down', runId: RUN_ID });
  t.is(fake.downs(), 1);
});

test('an abort without a signal name is interrupted all the same', async (t) => {
  const controller = new AbortController();
  controller.abort();
  const e = await interruption(runScenario(scenario, { emit: () => {}, signal: controller.signal, bringUp: fakeTopology({ generators: 'end' }).bringUp }));
  t.like(e, { signal: 'abort', phase: 'up' });
});
