// An event's script, run in sh: ready, then the start line, then the clock,
// then the command, saying when it made the change; no start, no change.
import test from 'ava';
import { spawn } from 'node:child_process';
import { appliedAt, commandOutput, EVENT_NOT_STARTED, EVENT_READY, eventScript, sleepUntil } from '../../../sim/scenario/event-script';

interface Ran {
  readonly code: number;
  readonly lines: string[];
  readonly stderr: string;
  /** Epoch milliseconds of the ready line. */
  readonly readyAt: number;
}

/** Runs the script; once it says it is ready, writes `input(readyAt)` to its stdin (or closes it, for undefined). */
function run(script: string, input: (readyAt: number) => string | undefined): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '', stderr = '', readyAt = 0;
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (readyAt === 0 && out.includes(`${EVENT_READY}\n`)) {
        readyAt = Date.now();
        const text = input(readyAt);
        child.stdin.end(text);
      }
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, lines: out.trimEnd().split('\n'), stderr, readyAt }));
  });
}

test('it says it is ready, runs its command at the start plus at by the clock, and says when', async (t) => {
  let t0 = 0;
  const r = await run(eventScript(300, ['printf', '%s|', "it's", 'a b', '$HOME']), (readyAt) => `start ${(t0 = readyAt + 200)}\n`);
  t.is(r.code, 0, r.stderr);
  t.is(r.lines[0], EVENT_READY);
  const at = appliedAt(r.lines[1]!);
  t.true(at !== undefined && at >= t0 + 300 && at < t0 + 1300, `applied ${at! - t0} ms after t0`);
  t.is(r.lines[2], "it's|a b|$HOME|", 'every word as given, nothing expanded');
  t.is(commandOutput(`${r.lines.join('\n')}`), "it's|a b|$HOME|");
});

test('a start already past runs the command at once', async (t) => {
  const r = await run(eventScript(0, ['true']), (readyAt) => `start ${readyAt - 10_000}\n`);
  t.is(r.code, 0);
  t.true(appliedAt(r.lines[1]!)! - r.readyAt < 500);
});

test('stdin closed before a start line: nothing runs, and it exits with its own code', async (t) => {
  const r = await run(eventScript(0, ['echo', 'changed']), () => undefined);
  t.is(r.code, EVENT_NOT_STARTED);
  t.deepEqual(r.lines, [EVENT_READY]);
});

test('a line that is not a start: nothing runs, exit 2, and stderr says what came', async (t) => {
  const r = await run(eventScript(0, ['echo', 'changed']), () => 'go now\n');
  t.is(r.code, 2);
  t.deepEqual(r.lines, [EVENT_READY]);
  t.is(r.stderr, 'event: expected a start line, got: go now\n');
});

test('sleepUntil waits until the epoch millisecond it is given, and not at all for one past', async (t) => {
  const { execFileSync } = await import('node:child_process');
  const timed = (ms: number) => {
    const began = Date.now();
    execFileSync('sh', ['-c', `${sleepUntil(ms)}\necho done`]);
    return Date.now() - began;
  };
  t.true(timed(Date.now() + 400) >= 380);
  t.true(timed(Date.now() - 5000) < 300);
});

test('appliedAt reads only its own line', (t) => {
  t.is(appliedAt('event: applied 1700000000123'), 1_700_000_000_123);
  t.is(appliedAt('event: applied soon'), undefined);
  t.is(appliedAt('applied 1'), undefined);
});
