// Interrupted runs on Docker, as a user or a cancelled CI job interrupts
// them: aplus as a child process, a signal at a chosen moment, then exit 130,
// no verdict on stdout, the JSON saying interrupted, and nothing labelled
// with the run left behind (its nodes, its fabric, any Docker network).
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import test, { type ExecutionContext } from 'ava';
import { silent, type AplusEvent } from '../../sim/report/events';
import { requireDocker } from '../../sim/runtime/docker-client';
import { downRun } from '../../sim/runtime/topology-down';
import { leftovers } from '../helpers/docker';

/** One client, one SMAP, 6 s of traffic once its generator is ready: the smallest shipped scenario with traffic. */
const SCENARIO = 'scenarios/range-10-web-facebook.yaml';
const SEED = 'topologies/seed-2010.yaml';
/** A verdict line as aplus run prints one (renderResult): the headline or an assertion's. */
const VERDICT = /^\s*(pass|FAIL)\b|: (pass|FAIL)$/m;

type Child = ChildProcessByStdio<null, Readable, Readable>;

function aplus(...args: string[]): { child: Child; out: () => string } {
  const child = spawn(process.execPath, ['bin/aplus.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  return { child, out: () => out };
}

const exited = (child: Child) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));

/**
 * Removes what a forced exit left: Docker may still be finishing a removal
 * the exit cut off (a 409 "removal already in progress"), so try again a moment later.
 */
async function downSurely(d: Awaited<ReturnType<typeof requireDocker>>, runId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await downRun(d, runId, silent);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/** aplus run SCENARIO --json FILE as a child, killed and its run (once named) taken down when the test ends. */
function jsonRun(t: ExecutionContext, d: Awaited<ReturnType<typeof requireDocker>>): { child: Child; out: () => string; json: string; runId: string } {
  const json = join(mkdtempSync(join(tmpdir(), 'aplus-interrupt-')), 'run.json');
  const run = { ...aplus('run', SCENARIO, '--json', json), json, runId: '' };
  t.teardown(async () => {
    run.child.kill('SIGKILL');
    if (run.runId) await downRun(d, run.runId, silent);
  });
  return run;
}

test.serial('Ctrl-C while the traffic runs: exit 130, no verdict, the JSON says interrupted, and the run is gone', async (t) => {
  const d = await requireDocker();
  const run = jsonRun(t, d);
  const { child, out, json } = run;
  const err: string[] = [];
  let signalled = false;
  // Off a terminal the progress is plain lines on stderr: "up RUN: ...", then "traffic RUN: 1 generator for 6.0 s".
  for await (const line of createInterface({ input: child.stderr })) {
    err.push(line);
    const up = /^up (\S+): \d+ nodes?/.exec(line);
    if (up) run.runId = up[1]!;
    if (!signalled && /^traffic \S+: \d+ generators? for /.test(line)) {
      signalled = true;
      child.kill('SIGINT');
    }
  }
  const stderr = err.join('\n');
  t.is(await exited(child), 130, stderr);
  t.true(signalled, `the traffic never started:\n${stderr}`);
  t.true(run.runId.startsWith('range-10-'), stderr);

  t.is(out(), '', 'nothing on stdout: no result, no verdict');
  t.notRegex(out(), VERDICT);
  t.regex(stderr, new RegExp(`^interrupted by SIGINT during traffic of ${run.runId}: everything it made was removed; the assertions were not evaluated$`, 'm'));
  t.deepEqual(JSON.parse(readFileSync(json, 'utf8')), {
    scenario: 'range-10-web-facebook', file: SCENARIO, interrupted: true, signal: 'SIGINT', phase: 'traffic', runId: run.runId, exitCode: 130,
  });

  t.deepEqual(await leftovers(d, run.runId), { containers: 0, networks: 0 });
});

test.serial('Ctrl-C while the generators get ready: exit 130, no verdict, the JSON says warm-up, and the run is gone', async (t) => {
  const d = await requireDocker();
  const run = jsonRun(t, d);
  const { child, out, json } = run;
  const err: string[] = [];
  // The topology is up: the sampler and the generators start, and the traffic waits for the generators' ready lines.
  for await (const line of createInterface({ input: child.stderr })) {
    err.push(line);
    const up = /^up (\S+): \d+ nodes?/.exec(line);
    if (up && !run.runId) {
      run.runId = up[1]!;
      child.kill('SIGINT');
    }
  }
  const stderr = err.join('\n');
  t.is(await exited(child), 130, stderr);
  t.is(out(), '', 'nothing on stdout: no result, no verdict');
  t.false(err.some((l) => /^traffic \S+: \d+ generators? for /.test(l)), stderr);
  t.regex(stderr, new RegExp(`^interrupted by SIGINT during warm-up of ${run.runId}: everything it made was removed; the assertions were not evaluated$`, 'm'));
  t.like(JSON.parse(readFileSync(json, 'utf8')), { interrupted: true, signal: 'SIGINT', phase: 'warm-up', runId: run.runId, exitCode: 130 });
  t.deepEqual(await leftovers(d, run.runId), { containers: 0, networks: 0 });
});

test.serial('SIGTERM while up brings seed-2010 up: exit 130, the interruption as a JSON line, and nothing left', async (t) => {
  const d = await requireDocker();
  const { child, out } = aplus('up', SEED, '--json');
  let runId = '';
  t.teardown(async () => {
    child.kill('SIGKILL');
    if (runId) await downRun(d, runId, silent);
  });
  const events: AplusEvent[] = [];
  let signalled = false;
  for await (const line of createInterface({ input: child.stderr })) {
    if (!line.startsWith('{')) continue; // the signal handler's own line
    const e = JSON.parse(line) as AplusEvent;
    events.push(e);
    if (e.kind === 'network-created') runId = e.run;
    if (e.kind === 'node-started' && !signalled) {
      signalled = true;
      child.kill('SIGTERM');
    }
  }
  t.is(await exited(child), 130);
  t.true(signalled);
  t.true(runId.startsWith('seed-2010-'));
  t.is(out(), '', 'no run id and no run JSON: the run is not up');
  t.deepEqual(events.at(-1), { kind: 'interrupted', signal: 'SIGTERM', phase: 'up', run: runId });
  t.true(events.some((e) => e.kind === 'down-done' && e.run === runId), 'it took itself down');
  t.deepEqual(await leftovers(d, runId), { containers: 0, networks: 0 });
});

test.serial('a second Ctrl-C exits 130 at once, naming the run it may leave and the command that removes it', async (t) => {
  const d = await requireDocker();
  const { child, out } = aplus('run', SCENARIO);
  let runId = '';
  t.teardown(async () => {
    child.kill('SIGKILL');
    if (runId) await downRun(d, runId, silent);
  });
  const err: string[] = [];
  let signals = 0;
  for await (const line of createInterface({ input: child.stderr })) {
    err.push(line);
    const up = /^up (\S+): \d+ nodes?/.exec(line);
    if (up) runId = up[1]!;
    if (signals === 0 && /^traffic \S+: \d+ generators? for /.test(line)) {
      signals++;
      child.kill('SIGINT');
    } else if (signals === 1 && /^aplus: SIGINT: stopping/.test(line)) {
      // The first is being handled (the run is coming down): force it.
      signals++;
      child.kill('SIGINT');
    }
  }
  const stderr = err.join('\n');
  t.is(await exited(child), 130, stderr);
  t.is(signals, 2, stderr);
  t.is(out(), '');
  t.regex(stderr, new RegExp(`^aplus: SIGINT again: exiting now; run ${runId} may be left behind \\(its containers, the fabric among them\\); aplus down ${runId} \\(or aplus down --all\\) removes it$`, 'm'));
  t.notRegex(stderr, /^interrupted by/m, 'a forced exit does not claim what it made was removed');
  // What it said removes the rest does.
  await downSurely(d, runId);
  t.deepEqual(await leftovers(d, runId), { containers: 0, networks: 0 });
});
