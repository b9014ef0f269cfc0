// The generator against the emulated Internet on 127.0.0.1: real DNS
// packets, real TCP connections and UDP echoes, small profiles of a
// second or two. Every socket is on the loopback address.
import test from 'ava';
import { createSocket } from 'node:dgram';
import { countBy, freeTcpPort, freeUdpPort, generate, LOOPBACK, startMuteServer, startTestInternet, TempDir, testPorts, testProfile } from './loopback';

test('a small profile gives one record per planned flow, all ok, with the bytes it asked for', async (t) => {
  using dir = new TempDir();
  const ports = await testPorts();
  await using _net = await startTestInternet(ports, dir);
  const profile = testProfile('mixed', [
    {
      name: 'browse',
      start: 0,
      duration: 1,
      activities: [
        { kind: 'dns', count: 6, concurrency: 3, interval: 0.2, names: ['a{i}.web.test'] },
        { kind: 'tcp', port: ports.web, count: 4, concurrency: 2, interval: 0.2, hold: 0.3, bytesUp: 1000, bytesDown: 200_000 },
        { kind: 'udp', port: ports.game, count: 2, hold: 0.5, rate: 20, size: 100 },
      ],
    },
    {
      name: 'share',
      start: 1,
      duration: 0.5,
      activities: [{ kind: 'peers', port: ports.peer, count: 5, hold: 0.2, bytesUp: 3000, bytesDown: 700, reuse: { peers: 1, portsEach: [2, 2] } }],
    },
  ]);
  const run = await generate(profile, ports.dns, dir);

  t.deepEqual(countBy(run.flows, (f) => f.kind), { dns: 6, tcp: 4, udp: 2, peers: 5 });
  t.deepEqual(run.flows.filter((f) => !f.ok).map((f) => `${f.kind} ${f.reason} ${f.error}`), []);
  t.like(run.summary, { record: 'summary', profile: 'mixed', client: 'c1', smap: 'room1', flows: 17, ok: 17, failed: 0 });
  for (const f of run.flows.filter((f) => f.kind === 'tcp')) t.like(f, { protocol: 'tcp', dst: LOOPBACK, dstPort: ports.web, bytesUp: 1000, bytesDown: 200_000 });
  for (const f of run.flows.filter((f) => f.kind === 'peers')) t.like(f, { dstPort: ports.peer, bytesUp: 3000, bytesDown: 700 });
  // One peer is reused twice, the others once: 4 distinct peers for 5 connections.
  t.deepEqual(Object.values(countBy(run.flows.filter((f) => f.kind === 'peers'), (f) => String(f.peer))).sort(), [1, 1, 1, 2]);
  for (const f of run.flows.filter((f) => f.kind === 'udp')) {
    t.like(f, { protocol: 'udp', packetsUp: 10, bytesUp: 1000 });
    t.true(f.packetsDown! >= 9, `${f.packetsDown} echoes of 10`);
  }
  // A TCP flow keeps its port for its hold: 0.3 s from its start.
  for (const f of run.flows.filter((f) => f.kind === 'tcp')) t.true(f.ended - f.started >= 300, `held ${f.ended - f.started} ms`);
  // Every flow has its own local port while it lives; the kernel's choices, but never 0.
  t.true(run.flows.every((f) => (f.localPort ?? 0) > 0));
  t.deepEqual(run.flows.filter((f) => f.kind === 'dns').map((f) => f.name).sort(), ['a0.web.test', 'a1.web.test', 'a2.web.test', 'a3.web.test', 'a4.web.test', 'a5.web.test']);
});

test('DNS answers carry the address configured for the name, the default otherwise, NXDOMAIN without one', async (t) => {
  using dir = new TempDir();
  const ports = await testPorts();
  const profile = testProfile('names', [
    { name: 'look', start: 0, duration: 0.5, activities: [{ kind: 'dns', count: 3, names: ['static{i}.fbcdn.test', 'api.twitter.test', 'else.test'] }] },
  ]);
  {
    await using _net = await startTestInternet(ports, dir, { default: '192.0.2.1', names: { '*.fbcdn.test': '198.51.100.7', 'api.*': '198.51.100.8' } });
    const run = await generate(profile, ports.dns, dir);
    t.deepEqual(Object.fromEntries(run.flows.map((f) => [f.name, f.answer])), { 'static0.fbcdn.test': '198.51.100.7', 'api.twitter.test': '198.51.100.8', 'else.test': '192.0.2.1' });
  }
  await using _net = await startTestInternet(ports, dir, { names: { '*.fbcdn.test': '198.51.100.7' } });
  const run = await generate(profile, ports.dns, dir);
  t.deepEqual(run.flows.map((f) => f.reason ?? 'ok').sort(), ['dns-nxdomain', 'dns-nxdomain', 'ok']);
});

test('a TCP port nobody listens on gives refused', async (t) => {
  using dir = new TempDir();
  const closed = await freeTcpPort();
  const profile = testProfile('refused', [{ name: 'try', start: 0, duration: 0.3, activities: [{ kind: 'tcp', port: closed, count: 3, hold: 0.1, bytesDown: 10 }] }]);
  const run = await generate(profile, await freeUdpPort(), dir);
  t.deepEqual(run.flows.map((f) => [f.ok, f.reason, f.error]), [[false, 'refused', 'ECONNREFUSED'], [false, 'refused', 'ECONNREFUSED'], [false, 'refused', 'ECONNREFUSED']]);
  t.like(run.summary, { flows: 3, ok: 0, failed: 3, byReason: { refused: 3 } });
});

test('a DNS query to a port that never answers gives dns-timeout', async (t) => {
  using dir = new TempDir();
  const silent = createSocket('udp4');
  let heard = 0;
  silent.on('message', () => heard++);
  await new Promise<void>((resolve) => silent.bind(0, LOOPBACK, resolve));
  t.teardown(() => silent.close());
  const profile = testProfile('silent', [{ name: 'look', start: 0, duration: 0.2, activities: [{ kind: 'dns', count: 2, names: ['x.test'] }] }]);
  const run = await generate(profile, silent.address().port, dir, { dnsTimeoutS: 0.3 });
  t.deepEqual(run.flows.map((f) => f.reason), ['dns-timeout', 'dns-timeout']);
  t.is(heard, 2, 'each lookup sent one real query');
  for (const f of run.flows) t.true(f.ended - f.started >= 290 && f.ended - f.started < 1500);
});

test('flows still open at the plan end plus the grace are cut as deadline, and the run ends', async (t) => {
  using dir = new TempDir();
  // The flow waits for bytes that never come.
  const port = await startMuteServer(t);
  const profile = testProfile('stuck', [{ name: 'wait', start: 0, duration: 0.3, activities: [{ kind: 'tcp', port, count: 2, hold: 0.2, bytesDown: 100 }] }]);
  const started = Date.now();
  const run = await generate(profile, await freeUdpPort(), dir, { graceS: 0.5, flowTimeoutS: 30 });
  t.true(Date.now() - started < 2000, `ended after ${Date.now() - started} ms`);
  t.deepEqual(run.flows.map((f) => f.reason), ['deadline', 'deadline']);
  t.like(run.summary, { failed: 2, byReason: { deadline: 2 } });
});
