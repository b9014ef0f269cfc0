// What the fabric decides without a kernel: MACs and the ip batch's words.
import test from 'ava';
import { macFor } from '../../../sim/runtime/fabric';
import { ipBatchIn } from '../../../sim/runtime/host-ip';

test('a node interface gets the same locally administered unicast MAC every time, another for another interface', (t) => {
  const mac = macFor('seed-2010-abc123', 'room1', 'wan');
  t.regex(mac, /^02(:[0-9a-f]{2}){5}$/);
  t.is(macFor('seed-2010-abc123', 'room1', 'wan'), mac);
  t.not(macFor('seed-2010-abc123', 'room1', 'lan'), mac);
  t.not(macFor('seed-2010-def456', 'room1', 'wan'), mac);
});

test('a word with a space or a quote never reaches ip -batch', async (t) => {
  await t.throwsAsync(ipBatchIn(1, [['link', 'add', 'a b', 'type', 'bridge']]), { message: /word "a b" cannot go in a batch/ });
  await t.throwsAsync(ipBatchIn(1, [['link', 'add', "x'", 'type', 'bridge']]), { message: /cannot go in a batch/ });
});
