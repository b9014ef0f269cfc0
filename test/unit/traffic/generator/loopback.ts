// Helpers for the loopback tests: free ports on 127.0.0.1, a profile built
// from plain data through the real schema and scaling, the emulated
// Internet started in-process, and a generator run whose lines are read
// back. Everything binds and connects to 127.0.0.1 only.
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ExecutionContext } from 'ava';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileSchema, scaleProfile, type ScaledProfile } from '../../../../sim/traffic';
import { GENERATOR_DEFAULTS, runGenerator, type GeneratedFlow, type GeneratorOptions, type RunSummary } from '../../../../sim/traffic/generator';
import { parseInternetConfig, startInternet, type RunningInternet } from '../../../../sim/traffic/internet';

export const LOOPBACK = '127.0.0.1';

/** A TCP port nobody listens on now (the kernel's pick, then released). */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, LOOPBACK, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A TCP server on 127.0.0.1 that accepts and never answers, closed with the test; its port. */
export async function startMuteServer(t: ExecutionContext): Promise<number> {
  const held = new Set<Socket>();
  const mute = createServer((s) => held.add(s));
  await new Promise<void>((resolve) => mute.listen(0, LOOPBACK, resolve));
  t.teardown(() => {
    held.forEach((s) => s.destroy());
    mute.close();
  });
  return (mute.address() as { port: number }).port;
}

export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, LOOPBACK, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A profile from its phases, checked by the real schema, lasting `duration` seconds as given. */
export function testProfile(name: string, phases: unknown[]): ScaledProfile {
  const p = profileSchema.parse({ name, description: 'a loopback test', source: { paper: 'none', numbers: ['none'] }, phases });
  return scaleProfile(p);
}

export class TempDir implements Disposable {
  readonly path = mkdtempSync(join(tmpdir(), 'aplus-traffic-'));
  file(name: string): string {
    return join(this.path, name);
  }
  [Symbol.dispose](): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export interface TestPorts {
  readonly dns: number;
  readonly web: number;
  readonly peer: number;
  readonly game: number;
}

export async function testPorts(): Promise<TestPorts> {
  return { dns: await freeUdpPort(), web: await freeTcpPort(), peer: await freeTcpPort(), game: await freeUdpPort() };
}

export async function startTestInternet(ports: TestPorts, dir: TempDir, dns: unknown = { default: '192.0.2.80' }): Promise<RunningInternet> {
  const config = parseInternetConfig({
    bind: LOOPBACK,
    dnsPort: ports.dns,
    dns,
    tcpPorts: [ports.web],
    peerPorts: [ports.peer],
    udpPorts: [ports.game],
    log: dir.file('internet.jsonl'),
  });
  return startInternet(config);
}

export interface GeneratorRun {
  readonly flows: GeneratedFlow[];
  readonly summary: RunSummary;
  readonly lines: unknown[];
}

/** Runs the generator in-process with short timeouts; `over` replaces any option. */
export async function generate(profile: ScaledProfile, dnsPort: number, dir: TempDir, over: Partial<GeneratorOptions> = {}): Promise<GeneratorRun> {
  const out = dir.file(`${profile.name}.jsonl`);
  await runGenerator({
    ...GENERATOR_DEFAULTS,
    profile,
    client: 'c1',
    smap: 'room1',
    dns: { host: LOOPBACK, port: dnsPort },
    server: LOOPBACK,
    peers: { first: LOOPBACK, count: 1 },
    out,
    seed: 7,
    graceS: 1,
    connectTimeoutS: 1,
    dnsTimeoutS: 0.5,
    flowTimeoutS: 2,
    ...over,
  });
  const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { record: string });
  return {
    lines,
    flows: lines.filter((l): l is GeneratedFlow => l.record === 'flow'),
    summary: lines[lines.length - 1] as RunSummary,
  };
}

export function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}
