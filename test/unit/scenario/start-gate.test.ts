// The generators' common start: one start line for all, sent once every
// one has arrived (ready or ended), or at the limit; none on an abort.
import test from 'ava';
import type { PassThrough } from 'node:stream';
import { startGate } from '../../../sim/scenario/start-gate';

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
