import test from 'ava';
import { formatEvent, outputMode, streamSink } from '../../sim/report/format-event';

const fake = (isTTY: boolean) => {
  const lines: string[] = [];
  return { lines, stream: { isTTY, write: (s: string) => lines.push(s) } };
};

test('events render as plain lines off a terminal and in CI', (t) => {
  t.is(outputMode({ write: () => true, isTTY: false }, false, {}), 'plain');
  t.is(outputMode({ write: () => true, isTTY: true }, false, { CI: 'true' }), 'plain');
  t.is(outputMode({ write: () => true, isTTY: true }, false, {}), 'tty');
  t.is(outputMode({ write: () => true, isTTY: true }, true, {}), 'json');
  t.is(formatEvent({ kind: 'up-done', run: 'r-1', nodes: 9, networks: 5, seconds: 2.25 }, false), 'up r-1: 9 nodes, 5 networks in 2.3 s');
  t.is(formatEvent({ kind: 'down-done', run: 'r-1', containers: 9, networks: 5, seconds: 1.5 }, false), 'down r-1: removed 9 containers, 5 networks in 1.5 s');
  t.is(formatEvent({ kind: 'up-done', run: 'r-1', nodes: 1, networks: 1, seconds: 1 }, false), 'up r-1: 1 node, 1 network in 1.0 s');
  t.is(formatEvent({ kind: 'traffic-started', run: 'r-1', generators: 1, seconds: 10 }, false), 'traffic r-1: 1 generator for 10.0 s');
  t.is(formatEvent({ kind: 'traffic-started', run: 'r-1', generators: 100, seconds: 240, readyS: 23.44 }, false), 'traffic r-1: 100 generators for 240.0 s, ready in 23.4 s');
  t.is(formatEvent({ kind: 'traffic-started', run: 'r-1', generators: 0, seconds: 0, probes: 2, events: 1, readyS: 0.3 }, false), 'traffic r-1: 0 generators for 0.0 s, 2 probes, 1 event, ready in 0.3 s');
});

test('with --json every event is one JSON line', (t) => {
  const f = fake(false);
  streamSink(f.stream, 'json')({ kind: 'image-cached', image: 'aplus/base:abc' });
  t.deepEqual(f.lines, ['{"kind":"image-cached","image":"aplus/base:abc"}\n']);
});

test('a large bring-up shows every tenth node, not every node', (t) => {
  const f = fake(false);
  const sink = streamSink(f.stream, 'plain');
  for (let i = 1; i <= 25; i++) sink({ kind: 'node-started', run: 'r', node: `n${i}`, role: 'smap', done: i, total: 25 });
  t.deepEqual(f.lines, ['node n10 (smap) [10/25]\n', 'node n20 (smap) [20/25]\n', 'node n25 (smap) [25/25]\n']);
});

test('traffic progress is one live line on a terminal, and nothing in CI logs', (t) => {
  const e = (done: number) => ({ kind: 'traffic-progress' as const, run: 'r', done, total: 100, elapsed: 12.4, planned: 60 });
  const tty = fake(true);
  const sink = streamSink(tty.stream, 'tty');
  sink(e(37));
  sink(e(100));
  t.deepEqual(tty.lines.map((l) => l.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')), ['\rtraffic r: 37/100 generators done, 12 s of 60 s', '\rtraffic r: 100/100 generators done, 12 s of 60 s\n']);
  const plain = fake(false);
  streamSink(plain.stream, 'plain')(e(37));
  t.deepEqual(plain.lines, []);
});
