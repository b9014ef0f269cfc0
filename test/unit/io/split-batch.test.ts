// splitBatch: the addon hands a wakeup's packets over end to end in one
// Buffer, with their lengths as host-order uint32s in another; the cores get
// plain Uint8Array views into it, in order, without copies.
import test from 'ava';
import fc from 'fast-check';
import { splitBatch } from '../../../sim/aplus/io/tunio';

function batch(packets: readonly Uint8Array[], lensOffset = 0): { data: Buffer; lens: Buffer } {
  const data = Buffer.concat(packets.map((p) => Buffer.from(p)));
  const lens = Buffer.alloc(lensOffset + 4 * packets.length).subarray(lensOffset);
  const host = new Uint32Array(packets.map((p) => p.length));
  lens.set(new Uint8Array(host.buffer));
  return { data, lens };
}

test('packets come back in order, with their bytes, as plain views of the one buffer', (t) => {
  const packets = [Uint8Array.of(0x45, 1, 2), new Uint8Array(0), Uint8Array.of(9), new Uint8Array(1400).fill(7)];
  const { data, lens } = batch(packets);
  const out = splitBatch(data, lens);
  t.is(out.length, packets.length);
  out.forEach((p, i) => {
    t.deepEqual([...p], [...packets[i]!]);
    t.is(Object.getPrototypeOf(p), Uint8Array.prototype, 'not a Buffer: subarray stays on the fast path');
    t.is(p.buffer, data.buffer, 'a view, not a copy');
  });
});

test('lengths that do not start on a 4-byte boundary are still read', (t) => {
  const packets = [Uint8Array.of(1, 2), Uint8Array.of(3, 4, 5)];
  const { data, lens } = batch(packets, 1);
  t.is(lens.byteOffset % 4, 1);
  t.deepEqual(splitBatch(data, lens).map((p) => [...p]), [[1, 2], [3, 4, 5]]);
});

test('any batch splits back into what was joined', (t) => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 70 }), (packets) => {
      const { data, lens } = batch(packets);
      const out = splitBatch(data, lens);
      return out.length === packets.length && out.every((p, i) => Buffer.from(p).equals(Buffer.from(packets[i]!)));
    }),
    { numRuns: 200 },
  );
  t.pass();
});

test('a reused buffer longer than the wakeup gives only the wakeup\'s packets', (t) => {
  // The addon keeps one data and one lengths Buffer per handle and says how many packets this wakeup holds.
  const { data, lens } = batch([Uint8Array.of(1, 2), Uint8Array.of(3), Uint8Array.of(4, 5, 6)]);
  const stale = Buffer.concat([lens, Buffer.from(new Uint32Array([9999, 9999]).buffer)]);
  t.deepEqual(splitBatch(Buffer.concat([data, Buffer.alloc(64)]), stale, 2).map((p) => [...p]), [[1, 2], [3]]);
});
