// Both programs as the containers run them, but on 127.0.0.1: the
// Internet prints its ready line, the generator plays a profile file and
// exits 0 with a summary line last; bad input exits 2 with one line.
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { READY_MARK } from '../../../../sim/aplus/daemon/run-daemon';
import { LOOPBACK, TempDir, testPorts, testProfile } from './loopback';

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

const badInput = test.macro((t, program: string, args: string[], message: RegExp) => {
  const r = spawnSync(NODE[0]!, [...NODE.slice(1), program, ...args], { encoding: 'utf8', timeout: 8000 });
  t.is(r.status, 2);
  t.regex(r.stderr.trim(), message);
  t.is(r.stderr.trim().split('\n').length, 1);
});
test('the generator without --dns exits 2 with one line', badInput, GENERATOR, ['--profile', 'x.json', '--client', 'c', '--smap', 's', '--out', 'o'], /^generator: --dns is required/);
test('the Internet with an unknown key exits 2 naming it', badInput, INTERNET, ['--config', 'test/unit/traffic/generator/fixtures/bad-internet.json'], /bad-internet.json dnsport: unknown key/);
