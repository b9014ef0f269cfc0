// A generator in a client container starts on its start line, as aplus run
// sends it over the exec's stdin: ready first, then no flow before the
// line's time, however long the run takes to send it; with stdin closed and
// no line, it exits 4 and plays nothing. A generator that ignored stdin
// would start at once: its flows would begin seconds before the start.
import { PassThrough } from 'node:stream';
import test from 'ava';
import { loadScenario } from '../../sim/plan/index';
import { generatorCommand } from '../../sim/scenario/generator-runs';
import { trafficItems } from '../../sim/scenario/traffic-plan';
import { GENERATOR_READY, startLine } from '../../sim/traffic/generator/start-handshake';
import { tempFile } from '../helpers/cli';
import { upFile } from '../helpers/docker';

/** How long the run holds the start back after the generator said it was ready. */
const HOLD_MS = 4000;

test.serial('a generator in its client waits for its start line on stdin, and without one plays nothing', async (t) => {
  const file = tempFile('generator-start.yaml', `name: generator-start
topology: ${process.cwd()}/topologies/range-10.yaml
traffic:
  - { profile: web-facebook, clients: [b], speed: 5 }
`);
  const s = loadScenario(file);
  const [item] = trafficItems(s.plan, s.traffic);
  const server = s.plan.nodes.find((n) => n.role === 'server')!.interfaces[0]!.ipv4!;
  await using run = await upFile('topologies/range-10.yaml');

  const stdin = new PassThrough();
  const lines: Array<{ line: string; at: number }> = [];
  let t0 = 0;
  const onLine = (line: string) => {
    lines.push({ line, at: Date.now() });
    if (line !== GENERATOR_READY) return;
    setTimeout(() => stdin.end(startLine((t0 = Date.now() + 1000))), HOLD_MS);
  };
  const r = await run.exec('b', ['sh', '-c', generatorCommand(item!, server)], { stdin, onLine });
  t.is(r.exitCode, 0, r.stderr);
  t.is(lines[0]?.line, GENERATOR_READY, r.stdout);
  t.true(t0 > 0, 'the start was sent');
  const flows = (await run.readFile('b', `/var/log/aplus/flows-${item!.index}.jsonl`)).toString().trim().split('\n')
    .map((l) => JSON.parse(l) as { record: string; started: number }).filter((f) => f.record === 'flow');
  t.true(flows.length > 0);
  const first = Math.min(...flows.map((f) => f.started));
  t.log(`ready ${HOLD_MS + 1000} ms before the start; first flow ${first - t0} ms after it`);
  t.true(first >= t0, `a flow began ${t0 - first} ms before the start`);
  t.true(first < t0 + 2000, `the first flow began ${first - t0} ms after the start`);

  const closed = new PassThrough();
  const none = await run.exec('b', ['sh', '-c', generatorCommand({ ...item!, index: 9 }, server)], {
    stdin: closed,
    onLine: (line) => {
      if (line === GENERATOR_READY) closed.end();
    },
  });
  t.is(none.exitCode, 4);
  t.is((await run.readFile('b', '/var/log/aplus/flows-9.jsonl')).toString(), '');
  t.is((await run.readFile('b', '/var/log/aplus/generator-9.log')).toString(), 'generator: stdin closed before a start line: no traffic\n');
});
