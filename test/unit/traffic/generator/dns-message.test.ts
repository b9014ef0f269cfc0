// DNS messages byte for byte (RFC 1035 4.1): the query a stub resolver
// sends, and a real server's answer with a compressed name.
import test from 'ava';
import { decodeAnswer, decodeQuery, encodeAnswer, encodeQuery, RCODE } from '../../../../sim/traffic/generator';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const QUESTION = '07 6578616d706c65 03 636f6d 00  0001 0001'; // example.com A IN

test('an A query for example.com is the 29 bytes a stub resolver sends', (t) => {
  t.deepEqual(encodeQuery(0x1234, 'example.com'), hex(`1234 0100 0001 0000 0000 0000 ${QUESTION}`));
  t.deepEqual(decodeQuery(hex(`1234 0100 0001 0000 0000 0000 ${QUESTION}`)), { ok: true, value: { id: 0x1234, name: 'example.com', type: 1, rd: true } });
});

test("a server's answer with a compressed name gives its A address", (t) => {
  const answer = hex(`1234 8180 0001 0001 0000 0000 ${QUESTION} c00c 0001 0001 0000012c 0004 5db8d822`);
  t.deepEqual(decodeAnswer(answer), { ok: true, value: { id: 0x1234, rcode: 0, name: 'example.com', addresses: ['93.184.216.34'] } });
});

test('the answer the emulated Internet sends is the same bytes, with AA set', (t) => {
  const q = { id: 0x1234, name: 'example.com', type: 1, rd: true };
  t.deepEqual(encodeAnswer(q, RCODE.noError, ['93.184.216.34'], 300), hex(`1234 8580 0001 0001 0000 0000 ${QUESTION} c00c 0001 0001 0000012c 0004 5db8d822`));
  t.like(decodeAnswer(encodeAnswer(q, RCODE.nxDomain, [])), { ok: true, value: { rcode: 3, addresses: [] } });
});

const bad = test.macro((t, bytes: string, reason: string) => {
  const r = [decodeAnswer(hex(bytes)), decodeQuery(hex(bytes))];
  t.true(r.some((x) => !x.ok && x.reason === reason), JSON.stringify(r));
});
test('a short message is a reason, not an exception', bad, '1234 8180', 'short');
test('a record past the end is a reason', bad, `1234 8180 0001 0001 0000 0000 ${QUESTION} c00c 0001 0001 0000012c 0004 5db8`, 'bad-record');
test('a pointer loop is a reason', bad, '1234 0100 0001 0000 0000 0000 c00c 0001 0001', 'bad-question');
