import test from 'ava';
import { crossCheckServer, describeCrossCheck, parseServerLog } from '../../../sim/measure/server-cross-check';

const spaces = { room1: { shared: '198.51.100.27', first: 10000, last: 10999 }, room2: { shared: '198.51.100.27', first: 11000, last: 11999 } };
const log = (flow: string, peer: string, peerPort: number) => ({ event: 'tcp', flow, peer, peerPort });

test('every delivered flow seen from the shared address within its SMAP range: the instruments agree', (t) => {
  const c = crossCheckServer(
    [{ tag: 'b/p/0/0', smap: 'room1' }, { tag: 'a/p/0/0', smap: 'room2' }],
    [log('b/p/0/0', '198.51.100.27', 10001), log('a/p/0/0', '::ffff:198.51.100.27', 11999), { event: 'dns', peer: '198.51.100.27', peerPort: 10002 }],
    spaces,
  );
  t.like(c, { checked: 2, agreed: 2, missingCount: 0, misplacedCount: 0 });
  t.is(describeCrossCheck(c), "2 of 2 delivered TCP flows seen by the server from the shared address within their SMAP's range");
});

test('a flow the server never saw, one from another SMAP\'s range and one from a private address are each named', (t) => {
  const c = crossCheckServer(
    [{ tag: 'b/p/0/0', smap: 'room1' }, { tag: 'b/p/0/1', smap: 'room1' }, { tag: 'b/p/0/2', smap: 'room1' }],
    [log('b/p/0/1', '198.51.100.27', 11500), log('b/p/0/2', '192.168.1.142', 40000)],
    spaces,
  );
  t.like(c, { checked: 3, agreed: 0, missingCount: 1, misplacedCount: 2 });
  t.deepEqual(c.missing, ['b/p/0/0']);
  t.deepEqual(c.misplaced.map((m) => `${m.tag} ${m.peer}:${m.port}`), ['b/p/0/1 198.51.100.27:11500', 'b/p/0/2 192.168.1.142:40000']);
  t.regex(describeCrossCheck(c), /^0 of 3 .*; 1 never seen \(b\/p\/0\/0\); 2 from elsewhere \(b\/p\/0\/1 from 198\.51\.100\.27:11500, room1;/);
});

test('the server log: JSON lines, a cut last line skipped', (t) => {
  const lines = parseServerLog('{"event":"tcp","flow":"x","peer":"1.2.3.4","peerPort":5}\n{"event":"udp"}\n{"event":"tc');
  t.is(lines.length, 2);
  t.is(lines[0]!.flow, 'x');
});
