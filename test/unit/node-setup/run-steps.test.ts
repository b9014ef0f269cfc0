// The steps run for real, as node-setup.mjs runs them in a node: argv with no
// shell, files, daemons waited for, and a failure that names its step.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { runSteps } from '../../../sim/node-setup/run-steps';

const dir = mkdtempSync(join(tmpdir(), 'aplus-steps-'));
const NODE = process.execPath;

test('argv words reach the program as they are, with no shell between', async (t) => {
  const out = join(dir, 'words.txt');
  await runSteps([{ write: join(dir, 'sub', 'x.txt'), text: 'made\n' }, { run: [NODE, '-e', `require('fs').writeFileSync(${JSON.stringify(out)}, process.argv.slice(1).join('|'))`, "it's", '$HOME', '*'] }]);
  t.is(readFileSync(out, 'utf8'), "it's|$HOME|*");
  t.is(readFileSync(join(dir, 'sub', 'x.txt'), 'utf8'), 'made\n');
});

test('a step that fails stops the node, naming the step and saying why', async (t) => {
  const e = await t.throwsAsync(runSteps([{ run: ['true'] }, { run: [NODE, '-e', 'console.error("RTNETLINK answers: File exists"); process.exit(2)'] }, { run: ['true'] }]));
  t.regex(e!.message, /^step 2 of 3 \(.* -e console\.error.*\) failed: exit 2: RTNETLINK answers: File exists$/);
});

test('a step with a log keeps its output there, and its tail goes into the error', async (t) => {
  const log = join(dir, 'dhclient.log');
  const e = await t.throwsAsync(runSteps([{ run: [NODE, '-e', 'console.log("no lease"); process.exit(1)'], log }]));
  t.regex(e!.message, /failed: exit 1, .*dhclient\.log:\nno lease$/);
});

test('stdin takes a step\'s input', async (t) => {
  const out = join(dir, 'stdin.txt');
  await runSteps([{ run: [NODE, '-e', `process.stdin.pipe(require('fs').createWriteStream(${JSON.stringify(out)}))`], input: 'addr add 198.18.0.1/32 dev inet\n' }]);
  t.is(readFileSync(out, 'utf8'), 'addr add 198.18.0.1/32 dev inet\n');
});

test('a daemon is up once its log has the ready line, and is handed over to be supervised', async (t) => {
  const started = await runSteps([{ daemon: 'echo', argv: [NODE, '-e', 'setTimeout(() => console.log("aplus: daemon ready"), 300); setInterval(() => {}, 1000)'], log: join(dir, 'd.log'), ready: 'aplus: daemon ready', seconds: 5, supervise: true }]);
  t.deepEqual(started.map((s) => [s.name, s.supervise, s.child.exitCode]), [['echo', true, null]]);
  started[0]!.child.kill();
});

test('a daemon that dies before it is ready fails the node with its log\'s tail', async (t) => {
  const e = await t.throwsAsync(runSteps([{ daemon: 'prr', argv: [NODE, '-e', 'console.log("prr: cannot start: no /dev/net/tun"); process.exit(3)'], log: join(dir, 'p.log'), ready: 'aplus: daemon ready', seconds: 5, supervise: true }]));
  t.regex(e!.message, /^step 1 of 1 \(daemon prr: .*\) failed: prr died \(exit 3\):\nprr: cannot start: no \/dev\/net\/tun$/);
});

test('a daemon that never says it is ready is given up on after its seconds', async (t) => {
  const e = await t.throwsAsync(runSteps([{ daemon: 'mute', argv: [NODE, '-e', 'setInterval(() => {}, 1000)'], log: join(dir, 'm.log'), ready: 'aplus: daemon ready', seconds: 0.3, supervise: true }]));
  t.regex(e!.message, /failed: mute not ready after 0\.3 s:\n$/);
});

test('missing interfaces are waited for, then named', async (t) => {
  const e = await t.throwsAsync(runSteps([{ waitInterfaces: ['lo', 'no-such-if'], seconds: 0.2 }]));
  t.regex(e!.message, /failed: interfaces no-such-if not there after 0\.2 s$/);
});
