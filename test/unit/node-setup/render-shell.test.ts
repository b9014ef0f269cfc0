// The steps as a node runs them: the bash rendered from them, run for real
// here (and in the base image: scripts/test-in-image.sh): argv words reach
// programs unchanged, a failure names its step, daemons are waited for and
// watched.
import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSteps } from '../../../sim/node-setup/render-shell';
import type { Step } from '../../../sim/node-setup/steps';

const dir = mkdtempSync(join(tmpdir(), 'aplus-steps-'));
const NODE = process.execPath;

/** Runs the steps' script; resolves on the line `until` (kept running) or at its exit. */
function run(steps: readonly Step[], until?: string) {
  const child = spawn('bash', ['-c', renderSteps(steps)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise<{ code: number | null; out: string; err: string; child: typeof child }>((resolve) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (until && out.includes(until)) resolve({ code: null, out, err, child });
    });
    child.on('close', (code) => resolve({ code, out, err, child }));
  });
}

test('argv words reach the program as they are; a file is written, its folder made', async (t) => {
  const out = join(dir, 'words.txt');
  const r = await run([{ write: join(dir, 'sub', "it's.txt"), text: "made $HOME\n" }, { run: [NODE, '-e', `require('fs').writeFileSync(${JSON.stringify(out)}, process.argv.slice(1).join('|'))`, "it's", '$HOME', '*', ''] }], 'aplus: wired');
  r.child.kill();
  t.is(readFileSync(out, 'utf8'), "it's|$HOME|*|");
  t.is(readFileSync(join(dir, 'sub', "it's.txt"), 'utf8'), 'made $HOME\n');
});

test('a step that fails stops the node, naming the step and saying why', async (t) => {
  const marker = join(dir, 'never');
  const r = await run([{ run: ['true'] }, { run: [NODE, '-e', 'console.error("RTNETLINK answers: File exists"); process.exit(2)'] }, { run: ['touch', marker] }]);
  t.is(r.code, 1);
  t.regex(r.err.trim(), /^aplus: step 2 of 3 \(.* -e console\.error.*\) failed: exit 2: RTNETLINK answers: File exists$/);
  t.false(r.out.includes('aplus: wired'));
  t.throws(() => readFileSync(marker));
});

test('a step with a log keeps its output there, and its tail goes into the error', async (t) => {
  const log = join(dir, 'logs', 'dhclient.log');
  const r = await run([{ run: [NODE, '-e', 'console.log("no lease"); process.exit(1)'], log }]);
  t.is(r.code, 1);
  t.regex(r.err, /failed: exit 1, .*dhclient\.log: no lease \|/);
  t.is(readFileSync(log, 'utf8'), 'no lease\n');
});

test("stdin takes a step's input, exactly", async (t) => {
  const out = join(dir, 'stdin.txt');
  const r = await run([{ run: [NODE, '-e', `process.stdin.pipe(require('fs').createWriteStream(${JSON.stringify(out)}))`], input: "addr add 198.18.0.1/32 dev 'inet'\n" }], 'aplus: wired');
  r.child.kill();
  t.is(readFileSync(out, 'utf8'), "addr add 198.18.0.1/32 dev 'inet'\n");
});

test('a daemon is up once its log has the ready line; the node lives as long as it does, then fails naming it', async (t) => {
  const pidFile = join(dir, 'd.pid');
  const r = await run([{ daemon: 'echo', argv: [NODE, '-e', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => console.log("aplus: daemon ready"), 300); setInterval(() => {}, 1000)`], log: join(dir, 'd.log'), ready: 'aplus: daemon ready', seconds: 5, supervise: true }], 'aplus: wired');
  t.is(r.child.exitCode, null);
  let err = r.err;
  r.child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const ended = new Promise<number | null>((resolve) => r.child.on('close', resolve));
  process.kill(Number(readFileSync(pidFile, 'utf8')));
  t.is(await ended, 1);
  t.regex(err, /echo exited with 143/);
});

test("a daemon that dies before it is ready fails the node with its log's tail", async (t) => {
  const r = await run([{ daemon: 'prr', argv: [NODE, '-e', 'console.log("prr: cannot start: no /dev/net/tun"); process.exit(3)'], log: join(dir, 'p.log'), ready: 'aplus: daemon ready', seconds: 5, supervise: true }]);
  t.is(r.code, 1);
  t.regex(r.err.trim(), /^aplus: step 1 of 1 \(daemon prr: .*\) failed: prr died \(exit 3\): prr: cannot start: no \/dev\/net\/tun \|$/);
});

test('a daemon that never says it is ready is given up on after its seconds', async (t) => {
  const r = await run([{ daemon: 'mute', argv: [NODE, '-e', 'setInterval(() => {}, 1000)'], log: join(dir, 'm.log'), ready: 'aplus: daemon ready', seconds: 0.3, supervise: true }]);
  t.is(r.code, 1);
  t.regex(r.err, /failed: mute not ready after 0\.3 s:/);
});

test('missing interfaces are waited for, then named', async (t) => {
  const r = await run([{ waitInterfaces: ['lo', 'no-such-if'], seconds: 0.2 }]);
  t.is(r.code, 1);
  t.regex(r.err.trim(), /failed: interfaces no-such-if not there after 0\.2 s$/);
});

test('a node without daemons idles once wired', async (t) => {
  const r = await run([{ run: ['true'] }], 'aplus: wired');
  await new Promise((res) => setTimeout(res, 200));
  t.is(r.child.exitCode, null);
  r.child.kill();
});
