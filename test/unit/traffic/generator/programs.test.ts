// Both programs as the containers run them, but on 127.0.0.1: the
// Internet prints its ready line, the generator plays a profile file and
// exits 0 with a summary line last; told to start on stdin, it says it is
// ready and plays nothing before its start line; bad input exits 2 with one line.
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { READY_MARK } from '../../../../sim/aplus/daemon/run-daemon';
import { GENERATOR_READY, startLine } from '../../../../sim/traffic/generator/start-handshake';
import { freeUdpPort, LOOPBACK, TempDir, testPorts, testProfile } from './loopback';

const NODE = [process.execPath, '--import', 'tsx'];
const INTERNET = 'sim/traffic/internet/internet-main.ts';
const GENERATOR = 'sim/traffic/generator/generator-main.ts';

test('the Internet says it is ready, the generator plays a profile file and exits 0 with its summary', async (t) => {
  using dir = new TempDir();
  const ports = await testPorts();
  writeFileSync(dir.file('internet.json'), JSON.stringify({ bind: LOOPBACK, dnsPort: ports.dns, dns: { default: '192.0.2.80' }, tcpPorts: [ports.web], peerPorts: [], udpPorts: [], log: dir.file('internet.jsonl') }));
  const net = spawn(NODE[0]!, [...NODE.slice(1), INTERNET, '--config', dir.file('internet.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => net.kill('SIGKILL'));
  let out = '';
  net.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line: ${out}`)), 8000);
    net.stdout.on('data', () => out.includes(READY_MARK) && (clearTimeout(timer), resolve()));
  });

  const profile = testProfile('cli', [
    { name: 'one', start: 0, duration: 0.5, activities: [{ kind: 'dns', count: 2, names: ['n{i}.test'] }, { kind: 'tcp', port: ports.web, count: 2, hold: 0.1, bytesDown: 5000 }] },
  ]);
  writeFileSync(dir.file('profile.json'), JSON.stringify(profile));
  const gen = spawnSync(NODE[0]!, [...NODE.slice(1), GENERATOR, '--profile', dir.file('profile.json'), '--client', 'c1', '--smap', 'room1', '--dns', `${LOOPBACK}:${ports.dns}`, '--out', dir.file('flows.jsonl'), '--seed', '3', '--grace', '1'], { encoding: 'utf8', timeout: 8000 });
  t.is(gen.status, 0, gen.stderr);
  t.regex(gen.stdout, /cli: 4 flows, 4 ok, 0 failed/);
  const lines = readFileSync(dir.file('flows.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { record: string });
  t.deepEqual(lines.map((l) => l.record), ['flow', 'flow', 'flow', 'flow', 'summary']);

  net.kill('SIGTERM');
  const [code] = (await once(net, 'exit')) as [number];
  t.is(code, 0);
  // The Internet logged both connections and both lookups, from the generator's side of the loopback.
  const log = readFileSync(dir.file('internet.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; peer: string; bytesDown?: number });
  t.deepEqual(log.map((l) => l.event).sort(), ['dns', 'dns', 'tcp', 'tcp']);
  t.true(log.every((l) => l.peer === LOOPBACK));
  t.deepEqual(log.filter((l) => l.event === 'tcp').map((l) => l.bytesDown), [5000, 5000]);
});

/** The generator as aplus run starts it (--start-at stdin), on a profile of DNS lookups to a port nobody answers. */
async function waitingGenerator(dir: TempDir, offsetS: number) {
  writeFileSync(dir.file('profile.json'), JSON.stringify(testProfile('wait', [{ name: 'look', start: 0, duration: 0.3, activities: [{ kind: 'dns', count: 3, names: ['x.test'] }] }])));
  const args = ['--profile', dir.file('profile.json'), '--client', 'c1', '--smap', 'room1', '--dns', `${LOOPBACK}:${await freeUdpPort()}`,
    '--out', dir.file('flows.jsonl'), '--dns-timeout', '0.2', '--grace', '0.5', '--start-at', 'stdin', '--offset', String(offsetS)];
  const gen = spawn(NODE[0]!, [...NODE.slice(1), GENERATOR, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  gen.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = once(gen, 'exit') as Promise<[number]>;
  const lines = createInterface({ input: gen.stdout });
  const [first] = (await once(lines, 'line')) as [string];
  return { gen, first, exit: async () => ({ code: (await exited)[0], stderr }) };
}

test('told to start on stdin, the generator says it is ready, plays nothing until its start line, then plays from the start plus its offset', async (t) => {
  using dir = new TempDir();
  const g = await waitingGenerator(dir, 0.3);
  t.teardown(() => g.gen.kill('SIGKILL'));
  t.is(g.first, GENERATOR_READY);
  await new Promise((r) => setTimeout(r, 700));
  t.is(statSync(dir.file('flows.jsonl')).size, 0, 'no flow before the start');
  const at = Date.now() + 200;
  g.gen.stdin.end(startLine(at));
  const { code, stderr } = await g.exit();
  t.is(code, 0, stderr);
  const flows = readFileSync(dir.file('flows.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { record: string; started: number });
  t.deepEqual(flows.map((f) => f.record), ['flow', 'flow', 'flow', 'summary']);
  for (const f of flows) t.true(f.started >= at + 300, `started ${f.started - at} ms after the start line's time`);
});

test('the generator whose stdin closes before a start line exits 4 with one line, and plays nothing', async (t) => {
  using dir = new TempDir();
  const g = await waitingGenerator(dir, 0);
  t.teardown(() => g.gen.kill('SIGKILL'));
  g.gen.stdin.end();
  const { code, stderr } = await g.exit();
  t.is(code, 4);
  t.is(stderr, 'generator: stdin closed before a start line: no traffic\n');
  t.is(readFileSync(dir.file('flows.jsonl'), 'utf8'), '');
});

test('the generator given another line than a start exits 2 naming it', async (t) => {
  using dir = new TempDir();
  const g = await waitingGenerator(dir, 0);
  t.teardown(() => g.gen.kill('SIGKILL'));
  g.gen.stdin.end('go\n');
  const { code, stderr } = await g.exit();
  t.is(code, 2);
  t.is(stderr, 'generator: stdin: expected "start EPOCH_MS", got "go"\n');
});

const badInput = test.macro((t, program: string, args: string[], message: RegExp) => {
  const r = spawnSync(NODE[0]!, [...NODE.slice(1), program, ...args], { encoding: 'utf8', timeout: 8000 });
  t.is(r.status, 2);
  t.regex(r.stderr.trim(), message);
  t.is(r.stderr.trim().split('\n').length, 1);
});
test('the generator without --dns exits 2 with one line', badInput, GENERATOR, ['--profile', 'x.json', '--client', 'c', '--smap', 's', '--out', 'o'], /^generator: --dns is required/);
test('the Internet with an unknown key exits 2 naming it', badInput, INTERNET, ['--config', 'test/unit/traffic/generator/fixtures/bad-internet.json'], /bad-internet.json dnsport: unknown key/);
test('the generator with --start-at neither a time nor stdin exits 2 naming it', badInput, GENERATOR,
  ['--profile', 'x.json', '--client', 'c', '--smap', 's', '--dns', '127.0.0.1', '--out', 'o', '--start-at', 'soon'], /^generator: --start-at: expected epoch milliseconds or "stdin", got "soon"$/);
