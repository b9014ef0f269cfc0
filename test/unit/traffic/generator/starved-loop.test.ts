// A generator the machine leaves without CPU past a flow's timeout: what the
// kernel completed in time is still waiting to be read when the timer fires.
// The flow must count it, not call it a timeout (io-timeout.ts). The stall is
// made by blocking this process's event loop; the connection is on 127.0.0.1.
import test from 'ava';
import { runTcp } from '../../../../sim/traffic/generator/run-tcp';
import { LOOPBACK, startMuteServer, startTestInternet, TempDir, testPorts } from './loopback';

/** What a starved process sees: no turn of its event loop for `ms`. */
function stall(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

test('a connection made in time counts even when the generator looks at it only after its connect timeout', async (t) => {
  using dir = new TempDir();
  const ports = await testPorts();
  await using _net = await startTestInternet(ports, dir);
  const flow = runTcp({ host: LOOPBACK, port: ports.web, bytesUp: 100, bytesDown: 1000, holdMs: 0, connectTimeoutMs: 50, flowTimeoutMs: 5000 }, new AbortController().signal);
  // net.connect makes its connect(2) in a nextTick queued before this one; on
  // loopback the kernel completes the handshake at once.
  await new Promise((resolve) => process.nextTick(resolve));
  stall(400);
  t.like(await flow, { ok: true, bytesUp: 100, bytesDown: 1000 });
});

test('a transfer that never comes still times out, stall or not', async (t) => {
  const port = await startMuteServer(t);
  const flow = runTcp({ host: LOOPBACK, port, bytesUp: 0, bytesDown: 1000, holdMs: 0, connectTimeoutMs: 1000, flowTimeoutMs: 100 }, new AbortController().signal);
  await new Promise((resolve) => process.nextTick(resolve));
  stall(400);
  t.like(await flow, { ok: false, reason: 'timeout', error: 'transfer', bytesDown: 0 });
});
