// The generator's side of the start: the one line it accepts on stdin, and
// how it reads it from a stream (stdin in the container; fake streams here).
import test from 'ava';
import { PassThrough } from 'node:stream';
import { parseStartLine, startLine, waitForStart } from '../../../../sim/traffic/generator/start-handshake';

const parses = test.macro({
  exec: (t, line: string, at: number | undefined) => t.is(parseStartLine(line), at),
  title: (_, line: string, at: number | undefined) => `${JSON.stringify(line)} is ${at === undefined ? 'no start line' : `a start at ${at}`}`,
});
test(parses, 'start 1796660552000', 1796660552000);
test(parses, 'start 1796660552000\r', 1796660552000);
test(parses, startLine(1796660552000.4), 1796660552000);
for (const bad of ['', 'start', 'start ', 'start -5', 'start 1.5', 'start 12 13', 'go 12', 'START 12', 'start 1e12']) test(parses, bad, undefined);

test('the first line says when; what follows is not read', async (t) => {
  const input = new PassThrough();
  input.write('sta');
  input.write('rt 1796660552000\nstart 5\n');
  t.deepEqual(await waitForStart(input), { ok: true, at: 1796660552000 });
});

test('stdin ending without a line, or with only part of one, is no start', async (t) => {
  const empty = new PassThrough();
  empty.end();
  t.deepEqual(await waitForStart(empty), { ok: false, why: 'closed' });
  const part = new PassThrough();
  part.end('sta');
  t.deepEqual(await waitForStart(part), { ok: false, why: 'bad-line', line: 'sta' });
});

test('any other first line is refused, and named', async (t) => {
  const input = new PassThrough();
  input.end('go\nstart 5\n');
  t.deepEqual(await waitForStart(input), { ok: false, why: 'bad-line', line: 'go' });
});

test('waiting takes as long as the start takes to come', async (t) => {
  const input = new PassThrough();
  const began = Date.now();
  setTimeout(() => input.write(startLine(42)), 100);
  t.deepEqual(await waitForStart(input), { ok: true, at: 42 });
  t.true(Date.now() - began >= 90);
});
