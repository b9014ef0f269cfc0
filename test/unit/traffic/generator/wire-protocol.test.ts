import test from 'ava';
import { encodeRequest, flowTag, parseRequest } from '../../../../sim/traffic/generator/wire-protocol';

test('a request with a flow tag reads back as written', (t) => {
  const line = encodeRequest({ bytesDown: 1000, bytesUp: 20, flow: 'b/browse/2/17' }).toString('ascii');
  t.is(line, 'APLUS1 1000 20 b/browse/2/17\n');
  t.deepEqual(parseRequest(line.trimEnd()), { bytesDown: 1000, bytesUp: 20, flow: 'b/browse/2/17' });
});

test('a request without a tag, as probes send it, still reads', (t) => {
  t.deepEqual(parseRequest('APLUS1 5 0'), { bytesDown: 5, bytesUp: 0 });
});

test('a tag with a space or too long is refused, written or read', (t) => {
  t.throws(() => encodeRequest({ bytesDown: 1, bytesUp: 1, flow: 'a b' }), { instanceOf: RangeError });
  t.is(parseRequest(`APLUS1 1 1 ${'x'.repeat(81)}`), undefined);
  t.is(parseRequest('APLUS1 1 1 a b'), undefined);
});

test('flowTag names client, phase, activity and item, with anything unprintable replaced', (t) => {
  t.is(flowTag({ client: 'campus-001-c1', phase: 'day', activity: 3, item: 41 }), 'campus-001-c1/day/3/41');
  t.is(flowTag({ client: 'b', phase: 'log in', activity: 0, item: 0 }), 'b/log_in/0/0');
});
