// The probe program as a client container runs it, on the loopback (no
// privileges needed): one record line, one human line, exit 0 even when the
// probe found a failure; exit 2 with one line for bad options.
import test from 'ava';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeRecord } from '../../../sim/assert/measured-data';
import { startProbeEcho } from '../../../sim/probes/probe-echo';
import { openJsonLog } from '../../../sim/traffic/internet/json-log';
import { startTcpServer } from '../../../sim/traffic/internet/tcp-server';
import { PROBE_READY } from '../../../sim/traffic/generator/start-handshake';

const LOOPBACK = '127.0.0.1';
const dir = mkdtempSync(join(tmpdir(), 'aplusprobe-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));
let outs = 0;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly record?: ProbeRecord;
}

/** Runs the probe program (asynchronously: the servers are in this process). */
const probe = (...args: string[]): Promise<Run> => probeWith(undefined, ...args);

/**
 * Runs the probe program; with `answer`, once it says it is ready, writes
 * what answer returns to its stdin (a start line) and closes it.
 */
async function probeWith(answer: ((readyAt: number) => string) | undefined, ...args: string[]): Promise<Run & { readyAt?: number }> {
  const out = join(dir, `p${outs++}.jsonl`);
  const c = spawn(process.execPath, ['--import', 'tsx', 'sim/probes/probe-main.ts', '--name', 'lo', '--client', 'c', '--smap', 's', '--server', LOOPBACK, '--out', out, ...args], { stdio: [answer ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let readyAt: number | undefined;
  c.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (answer && readyAt === undefined && stdout.startsWith(`${PROBE_READY}\n`)) c.stdin?.end(answer((readyAt = Date.now())));
  });
  c.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const killer = setTimeout(() => c.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => c.on('exit', resolve));
  clearTimeout(killer);
  let record: ProbeRecord | undefined;
  try {
    record = JSON.parse(readFileSync(out, 'utf8')) as ProbeRecord;
  } catch {
    record = undefined;
  }
  return { code, stdout, stderr, ...(record ? { record } : {}), ...(readyAt === undefined ? {} : { readyAt }) };
}

async function freePort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, LOOPBACK, r));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test('pmtu on the loopback finds the largest IPv4 packet, and hears no ICMP', async (t) => {
  const port = await freePort();
  const echo = await startProbeEcho(port, LOOPBACK);
  t.teardown(() => echo.close());
  const r = await probe('--kind', 'pmtu', '--port', String(port));
  t.is(r.code, 0, r.stderr);
  t.like(r.record, { record: 'probe', kind: 'pmtu', name: 'lo', client: 'c', smap: 's', ok: true, pathMtu: 65535, icmpMtus: [] });
  t.is(r.stdout, 'probe lo (pmtu) from c: path MTU 65535 by echoes; ICMP said nothing\n');
  t.like((await probe('--kind', 'pmtu', '--port', String(port), '--max', '1500')).record, { ok: true, pathMtu: 1500 });
});

test('pmtu with no echo listening fails, saying why, and still exits 0', async (t) => {
  const r = await probe('--kind', 'pmtu', '--port', String(await freePort()), '--tries', '1', '--wait-ms', '200');
  t.is(r.code, 0, r.stderr);
  t.like(r.record, { ok: false, reason: 'no-echo: ICMP port unreachable from 127.0.0.1', icmpMtus: [] });
  t.is(r.record?.pathMtu, undefined);
});

test('udp-df on the loopback gets every datagram echoed at its size', async (t) => {
  const port = await freePort();
  const echo = await startProbeEcho(port, LOOPBACK);
  t.teardown(() => echo.close());
  for (const adapts of [[], ['--adapts']]) {
    const r = await probe('--kind', 'udp-df', '--port', String(port), '--size', '1500', '--count', '5', '--interval', '10', ...adapts);
    t.is(r.code, 0, r.stderr);
    t.like(r.record, { ok: true, sent: 5, received: 5, size: 1500, adapts: adapts.length > 0, icmpMtus: [] });
  }
});

test('tcp-bulk moves every byte up and down; a closed port is refused', async (t) => {
  const port = await freePort();
  const log = openJsonLog('/dev/null');
  const server = await startTcpServer(port, LOOPBACK, 'tcp', log);
  t.teardown(async () => {
    await server.close();
    await log.close();
  });
  for (const direction of ['up', 'down']) {
    const r = await probe('--kind', 'tcp-bulk', '--port', String(port), '--direction', direction, '--bytes', '1000000', '--timeout-s', '30');
    t.is(r.code, 0, r.stderr);
    t.like(r.record, { ok: true, direction, bytesWanted: 1_000_000, bytes: 1_000_000 });
    t.is(r.record?.reason, undefined);
  }
  const refused = await probe('--kind', 'tcp-bulk', '--port', String(await freePort()), '--bytes', '1000');
  t.is(refused.code, 0);
  t.like(refused.record, { ok: false, reason: 'refused', bytes: 0, bytesWanted: 1000 });
});

test('a probe of a run says it is ready, waits for its start line and runs at start + offset; stdin closed first: exit 4, nothing sent', async (t) => {
  const port = await freePort();
  const echo = await startProbeEcho(port, LOOPBACK);
  t.teardown(() => echo.close());
  let t0 = 0;
  const r = await probeWith((readyAt) => `start ${(t0 = readyAt + 200)}\n`, '--kind', 'udp-df', '--port', String(port), '--size', '200', '--count', '2', '--interval', '10',
    '--start-at', 'stdin', '--offset', '0.5');
  t.is(r.code, 0, r.stderr);
  t.true(r.stdout.startsWith(`${PROBE_READY}\nprobe lo (udp-df)`), r.stdout);
  t.true(r.record!.started >= t0 + 500 && r.record!.started < t0 + 1500, `started ${r.record!.started - t0} ms after t0`);
  t.like(r.record, { ok: true, sent: 2, received: 2 });
  const closed = await probeWith(() => '', '--kind', 'udp-df', '--port', String(port), '--size', '200', '--start-at', 'stdin');
  t.is(closed.code, 4);
  t.is(closed.stderr, 'probe: stdin closed before a start line: no traffic\n');
  t.is(closed.record, undefined);
});

test('bad options exit 2 with one line naming the option, and write nothing', async (t) => {
  const r = await probe('--kind', 'udp-df', '--size', 'big');
  t.is(r.code, 2);
  t.is(r.stderr, 'probe: --size: expected a whole number from 68 to 65535, got "big"\n');
  t.is(r.record, undefined);
  t.regex((await probe('--kind', 'pmtu', '--nope')).stderr, /^probe: Unknown option '--nope'; usage: /);
});
