// The probe datagram and the echo's short reply, then the echo itself on the loopback.
import test from 'ava';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { startProbeEcho } from '../../../sim/probes/probe-echo';
import { arrivedWhole, decodeProbe, echoReply, encodeProbe, parseReply } from '../../../sim/probes/probe-wire';

test('a probe of 1400 bytes is a 1372-byte UDP payload that says its sequence and size', (t) => {
  const p = encodeProbe(7, 1400);
  t.is(p.length, 1372);
  t.deepEqual(decodeProbe(p), { seq: 7, size: 1400 });
  t.is(decodeProbe(Buffer.from('not a probe at all')), undefined);
  t.throws(() => encodeProbe(1, 39), { instanceOf: RangeError });
  t.throws(() => encodeProbe(1, 65536), { instanceOf: RangeError });
});

test('the reply is 20 bytes whatever the probe, and tells whether the probe arrived whole', (t) => {
  const reply = echoReply(encodeProbe(3, 1500));
  t.is(reply.length, 20);
  const r = parseReply(reply);
  t.deepEqual(r, { seq: 3, size: 1500, received: 1472 });
  t.true(arrivedWhole(r!));
  t.false(arrivedWhole(parseReply(echoReply(encodeProbe(3, 1500).subarray(0, 1000)))!));
  t.is(parseReply(Buffer.from([1, 2])), undefined);
});

test('the probe echo answers each datagram with its length and first bytes', async (t) => {
  const probe = createSocket('udp4');
  t.teardown(() => probe.close());
  await new Promise<void>((r) => probe.bind(0, '127.0.0.1', r));
  const port = await freeUdpPort();
  const server = await startProbeEcho(port, '127.0.0.1');
  t.teardown(() => server.close());
  probe.send(encodeProbe(42, 1000), port, '127.0.0.1');
  const [msg] = (await once(probe, 'message')) as [Buffer];
  t.deepEqual(parseReply(msg), { seq: 42, size: 1000, received: 972 });
  await t.throwsAsync(startProbeEcho(port, '127.0.0.1'), { code: 'EADDRINUSE' });
});

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
