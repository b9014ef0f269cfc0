// The run's common start: one start line for all its programs, sent once
// every one has arrived (ready or ended), or at the limit; none on an abort.
import test from 'ava';
import type { PassThrough } from 'node:stream';
import { gatePart, notReadyWarning, startGate } from '../../../sim/scenario/start-gate';

/** Everything written to each stdin, once each has ended. */
const sent = (stdin: readonly PassThrough[]) =>
  Promise.all(stdin.map((s) => new Promise<string>((resolve) => {
    let text = '';
    s.on('data', (b: Buffer) => (text += b.toString())).on('end', () => resolve(text));
  })));

test('the gate opens when the last generator arrives, and sends each the same start, the margin ahead', async (t) => {
  const gate = startGate(3, { limitMs: 60_000, marginMs: 1000 });
  const lines = sent(gate.stdin);
  let open = false;
  void gate.opened.then(() => (open = true));
  gate.arrived(0);
  gate.arrived(2);
  gate.arrived(2); // counted once
  await new Promise((r) => setTimeout(r, 20));
  t.false(open, 'generator 1 has not arrived');
  gate.arrived(1);
  const g = await gate.opened;
  t.is(g.t0, g.at + 1000);
  t.deepEqual(g.notReady, []);
  t.deepEqual(await lines, Array(3).fill(`start ${g.t0}\n`));
});

test('at the limit, the gate opens for all and names who had not arrived', async (t) => {
  const began = Date.now();
  const gate = startGate(3, { limitMs: 50, marginMs: 10 });
  const lines = sent(gate.stdin);
  gate.arrived(1);
  const g = await gate.opened;
  t.true(g.at - began >= 45, `opened ${g.at - began} ms after`);
  t.deepEqual(g.notReady, [0, 2]);
  t.deepEqual(await lines, Array(3).fill(`start ${g.t0}\n`));
  gate.arrived(0); // too late to matter
});

test('an abort before the gate opens ends every stdin with no start and rejects, its cause the reason', async (t) => {
  const ctl = new AbortController();
  const gate = startGate(2, { limitMs: 60_000, marginMs: 1000, signal: ctl.signal });
  const lines = sent(gate.stdin);
  gate.arrived(0);
  ctl.abort('SIGTERM');
  const e = await t.throwsAsync(gate.opened);
  t.is(e?.cause, 'SIGTERM');
  t.deepEqual(await lines, ['', '']);
  gate.arrived(1); // opens nothing
});

test('with no generators the gate is open at once, t0 now', async (t) => {
  const gate = startGate(0, { limitMs: 60_000, marginMs: 1000 });
  const g = await gate.opened;
  t.is(g.t0, g.at);
});

test('a part of a gate is a gate of its own: its places, its stdin, its not-ready, the same t0 for all', async (t) => {
  const gate = startGate(5, { limitMs: 150, marginMs: 10 });
  const generators = gatePart(gate, 0, 3);
  const probes = gatePart(gate, 3, 2);
  t.is(generators.stdin.length, 3);
  t.is(probes.stdin[1], gate.stdin[4]);
  generators.arrived(0);
  generators.arrived(2);
  probes.arrived(1);
  const texts = sent(gate.stdin);
  const [g, p, whole] = await Promise.all([generators.opened, probes.opened, gate.opened]);
  t.deepEqual(whole.notReady, [1, 3]);
  t.deepEqual(g.notReady, [1]);
  t.deepEqual(p.notReady, [0]);
  t.true(g.t0 === whole.t0 && p.t0 === whole.t0);
  t.deepEqual(new Set(await texts), new Set([`start ${whole.t0}\n`]));
});

test('the warning names the programs not ready, by kind', (t) => {
  t.is(notReadyWarning('probe', ['upload-dark'], 120), '1 probe not ready 120 s after starting (upload-dark): sent the start all the same; they run late');
  t.is(notReadyWarning('generator', ['a', 'b', 'c', 'd', 'e', 'f'], 120),
    '6 generators not ready 120 s after starting (a, b, c, d, e, ...): sent the start all the same; their flows begin late');
});
