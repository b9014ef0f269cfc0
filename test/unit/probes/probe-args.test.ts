// The probe program's options: each kind with its defaults, and bad input as
// one line naming the option.
import test from 'ava';
import { parseProbeArgs, ProbeInputError, PROBE_DEFAULTS } from '../../../sim/probes/probe-args';

const common = ['--name', 'pmtu-room1', '--client', 'b', '--smap', 'room1', '--server', '198.51.100.80', '--out', '/tmp/p.jsonl'];

test('a pmtu probe takes the echo port and the search defaults', (t) => {
  t.deepEqual(parseProbeArgs(['--kind', 'pmtu', ...common]), {
    kind: 'pmtu', name: 'pmtu-room1', client: 'b', smap: 'room1', server: '198.51.100.80', port: 7, out: '/tmp/p.jsonl',
    tries: PROBE_DEFAULTS.tries, waitMs: PROBE_DEFAULTS.waitMs, start: { on: 'now' }, offsetS: 0,
  });
  t.like(parseProbeArgs(['--kind', 'pmtu', ...common, '--max', '1500', '--tries', '2', '--wait-ms', '300', '--port', '7007']), { max: 1500, tries: 2, waitMs: 300, port: 7007 });
});

test('a udp-df probe needs a size and is the paper\'s Call of Duty unless it adapts', (t) => {
  t.like(parseProbeArgs(['--kind', 'udp-df', ...common, '--size', '1500']), { kind: 'udp-df', size: 1500, count: 50, intervalMs: 100, adapts: false, port: 7 });
  t.like(parseProbeArgs(['--kind', 'udp-df', ...common, '--size', '1500', '--count', '30', '--interval', '20', '--adapts']), { count: 30, intervalMs: 20, adapts: true });
});

test('a tcp-bulk probe goes up to port 80 by default, and takes fractions of seconds', (t) => {
  t.like(parseProbeArgs(['--kind', 'tcp-bulk', ...common]), { kind: 'tcp-bulk', direction: 'up', bytes: 4_000_000, stallMs: 2000, timeoutS: 20, port: 80 });
  t.like(parseProbeArgs(['--kind', 'tcp-bulk', ...common, '--direction', 'down', '--bytes', '2000000', '--stall-ms', '500', '--timeout-s', '2.5']), { direction: 'down', bytes: 2_000_000, stallMs: 500, timeoutS: 2.5 });
});

test('an empty --smap is a probe from a client without one, not an error', (t) => {
  const args = ['--kind', 'pmtu', ...common];
  args[args.indexOf('room1')] = '';
  t.is(parseProbeArgs(args).smap, '');
});

test('a probe of a run waits for its start on stdin and keeps its own offset', (t) => {
  t.like(parseProbeArgs(['--kind', 'pmtu', ...common, '--start-at', 'stdin', '--offset', '12.5']), { start: { on: 'stdin' }, offsetS: 12.5 });
  t.like(parseProbeArgs(['--kind', 'pmtu', ...common, '--start-at', '1700000000000']), { start: { on: 'time', at: 1_700_000_000_000 }, offsetS: 0 });
});

const rejects = test.macro({
  exec(t, args: string[], message: RegExp) {
    const e = t.throws(() => parseProbeArgs(args), { instanceOf: ProbeInputError });
    t.regex(e?.message ?? '', message);
    t.false(e?.message.includes('\n'));
  },
  title: (given) => `rejects ${given}`,
});

test('no --kind', rejects, [...common], /^--kind is required; usage:/);
test('an unknown kind', rejects, ['--kind', 'mtu', ...common], /^--kind: expected pmtu, udp-df or tcp-bulk, got "mtu"$/);
test('no --server', rejects, ['--kind', 'pmtu', ...common.slice(0, 6), ...common.slice(8)], /^--server is required/);
test('a server name', rejects, ['--kind', 'pmtu', ...common.slice(0, 7), 'example.com', ...common.slice(8)], /^--server: expected an IPv4 address, got "example.com"$/);
test('an option of another kind', rejects, ['--kind', 'pmtu', ...common, '--size', '1500'], /^--size is an option of --kind udp-df, not of pmtu$/);
test('udp-df without --size', rejects, ['--kind', 'udp-df', ...common], /^--size is required for --kind udp-df/);
test('a size below the IPv4 minimum', rejects, ['--kind', 'udp-df', ...common, '--size', '67'], /^--size: expected a whole number from 68 to 65535, got "67"$/);
test('a max that is not a number', rejects, ['--kind', 'pmtu', ...common, '--max', '1500b'], /^--max: expected a whole number/);
test('a port out of range', rejects, ['--kind', 'pmtu', ...common, '--port', '70000'], /^--port: expected a whole number from 1 to 65535/);
test('a direction sideways', rejects, ['--kind', 'tcp-bulk', ...common, '--direction', 'sideways'], /^--direction: expected up or down, got "sideways"$/);
test('a zero timeout', rejects, ['--kind', 'tcp-bulk', ...common, '--timeout-s', '0'], /^--timeout-s: expected seconds, more than 0, got "0"$/);
test('an unknown option', rejects, ['--kind', 'pmtu', ...common, '--mtu', '1400'], /^Unknown option '--mtu'; usage:/);
test('an option without its value', rejects, ['--kind', 'pmtu', ...common, '--max'], /--max.*argument missing/);
test('a start that is neither a time nor stdin', rejects, ['--kind', 'pmtu', ...common, '--start-at', 'soon'], /^--start-at: expected epoch milliseconds or "stdin", got "soon"$/);
test('a negative offset', rejects, ['--kind', 'pmtu', ...common, '--offset=-1'], /^--offset: expected seconds from 0 to 86400, got "-1"$/);
test('a value that looks like an option', rejects, ['--kind', 'pmtu', ...common, '--offset', '-1'], /^Option '--offset' argument is ambiguous\.; usage:/);
test('a stray argument', rejects, ['--kind', 'pmtu', ...common, 'extra'], /extra/);
