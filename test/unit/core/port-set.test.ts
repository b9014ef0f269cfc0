// RFC 7597 port sets: the RFC 7599 Appendix A example worked through, and
// properties against arithmetic written here, apart from port-set.ts's.
import test from 'ava';
import fc from 'fast-check';
import {
  formatPortSet,
  inPortSet,
  mapEndUserPrefix,
  parsePortSet,
  portSetBlocks,
  portSetSize,
  psidOf,
  psidProblem,
  PortOwners,
  type PortSet,
} from '../../../sim/aplus/core';

// RFC 7599 Appendix A, example 1 (documentation addresses: unit tests only).
const BMR = { ipv6Prefix: '2001:db8::/40', ipv4Prefix: '192.0.2.0/24', eaLength: 16, psidOffset: 6 };

test('RFC 7599 example 1: end-user prefix 2001:db8:12:3400::/56 under the BMR is 192.0.2.18, PSID 0x34 of 8 bits', (t) => {
  t.deepEqual(mapEndUserPrefix(BMR, '2001:db8:0012:3400::/56'), { ipv4: '192.0.2.18', psid: { offset: 6, length: 8, id: 0x34 } });
});

test('RFC 7599 example 1: its 63 ranges are 1232-1235, 2256-2259, ..., 63696-63699, 64720-64723', (t) => {
  const blocks = portSetBlocks({ psid: { offset: 6, length: 8, id: 0x34 } });
  t.is(blocks.length, 63);
  t.deepEqual(blocks.slice(0, 2), [{ first: 1232, last: 1235 }, { first: 2256, last: 2259 }]);
  t.deepEqual(blocks.slice(-2), [{ first: 63696, last: 63699 }, { first: 64720, last: 64723 }]);
  t.is(portSetSize({ psid: { offset: 6, length: 8, id: 0x34 } }), 63 * 4);
});

test('RFC 7599 example 2: the BR reads PSID 0x34 in destination port 1232', (t) => {
  t.is(psidOf(1232, { offset: 6, length: 8, id: 0 }), 0x34);
});

test('a CE prefix outside the rule, or too short for its EA bits, maps to nothing, saying why', (t) => {
  t.regex(mapEndUserPrefix(BMR, '2001:db9:0012:3400::/56') as string, /is not inside the rule's 2001:db8::\/40/);
  t.regex(mapEndUserPrefix(BMR, '2001:db8:0012::/48') as string, /shorter than the rule's \/40 and its 16 EA bits/);
  t.regex(mapEndUserPrefix({ ...BMR, eaLength: 6 }, '2001:db8:0012:3400::/56') as string, /EA length 6: expected 8/);
});

test('ports with A = 0 are in no set: below 1024 with the default offset 6, below 4096 with offset 4', (t) => {
  t.false(inPortSet({ psid: { offset: 6, length: 6, id: 0 } }, 15));
  t.true(inPortSet({ psid: { offset: 6, length: 6, id: 0 } }, 1024));
  t.false(inPortSet({ psid: { offset: 4, length: 8, id: 0 } }, 2048));
  t.true(inPortSet({ psid: { offset: 4, length: 8, id: 0 } }, 4096));
  t.is(portSetSize({ psid: { offset: 4, length: 8, id: 7 } }), 240);
});

test('offsets that would hand out ports below 1024 are refused, as are lengths and ids that do not fit', (t) => {
  t.like(psidProblem({ offset: 7, length: 6, id: 0 }), { key: 'offset' });
  t.like(psidProblem({ offset: 0, length: 6, id: 0 }), { key: 'offset' });
  t.like(psidProblem({ offset: 6, length: 11, id: 0 }), { key: 'length', message: 'expected 0 to 10 (offset + length at most 16 bits), got 11' });
  t.like(psidProblem({ offset: 6, length: 6, id: 64 }), { key: 'id', message: 'expected 0 to 63 (a PSID of 6 bits), got 64' });
  t.is(psidProblem({ offset: 6, length: 0, id: 0 }), undefined);
});

test('a PSID length of 0 is one range, 2^(16-a) to 65535', (t) => {
  t.deepEqual(portSetBlocks({ psid: { offset: 6, length: 0, id: 0 } }), [{ first: 1024, last: 65535 }]);
});

test('port sets are written and read back: FIRST-LAST and "psid ID/LENGTH offset A"', (t) => {
  for (const s of [{ first: 10000, last: 11000 }, { psid: { offset: 6, length: 8, id: 52 } }] as PortSet[]) t.deepEqual(parsePortSet(formatPortSet(s)), s);
  t.is(formatPortSet({ psid: { offset: 6, length: 8, id: 52 } }), 'psid 52/8 offset 6');
  t.is(parsePortSet('psid 64/6 offset 6'), 'PSID id: expected 0 to 63 (a PSID of 6 bits), got 64');
  t.regex(parsePortSet('10000') as string, /neither FIRST-LAST nor/);
});

/** A geometry: offset a in 1..6, length k with a + k <= 16. */
const geometry = fc.integer({ min: 1, max: 6 }).chain((offset) => fc.record({ offset: fc.constant(offset), length: fc.integer({ min: 0, max: 16 - offset }) }));

/** Membership by division, apart from the code's shifts and masks. */
const naiveIn = (s: PortSet, port: number): boolean => {
  if (!('psid' in s)) return port >= s.first && port <= s.last;
  const m = 16 - s.psid.offset - s.psid.length;
  return Math.floor(port / 2 ** (16 - s.psid.offset)) > 0 && Math.floor(port / 2 ** m) % 2 ** s.psid.length === s.psid.id;
};

test('the 2^k PSIDs of one address partition its ports from 2^(16-a) up: each once, none below', (t) => {
  fc.assert(
    fc.property(geometry, ({ offset, length }) => {
      const count = new Uint8Array(65536);
      for (let id = 0; id < 2 ** length; id++) {
        for (const b of portSetBlocks({ psid: { offset, length, id } })) for (let p = b.first; p <= b.last; p++) count[p]!++;
      }
      const low = 2 ** (16 - offset);
      return count.every((c, p) => c === (p >= low ? 1 : 0));
    }),
    { numRuns: 60 },
  );
  t.pass();
});

test("a set's blocks, its size and its membership agree with arithmetic by division", (t) => {
  fc.assert(
    fc.property(geometry.chain((g) => fc.integer({ min: 0, max: 2 ** g.length - 1 }).map((id): PortSet => ({ psid: { ...g, id } }))), (s) => {
      const fromBlocks = new Uint8Array(65536);
      for (const b of portSetBlocks(s)) fromBlocks.fill(1, b.first, b.last + 1);
      let size = 0;
      for (let p = 0; p < 65536; p++) {
        if (naiveIn(s, p) !== (fromBlocks[p] === 1) || inPortSet(s, p) !== naiveIn(s, p)) return false;
        if (naiveIn(s, p)) size++;
      }
      return size === portSetSize(s);
    }),
    { numRuns: 60 },
  );
  t.pass();
});

/** Sets on one address: PSID sets of one offset (the compact table), or ranges and PSID sets mixed (a table per port). */
const sets = fc.oneof(
  geometry.chain(({ offset }) =>
    fc.array(fc.integer({ min: 0, max: 16 - offset }).chain((length) => fc.integer({ min: 0, max: 2 ** length - 1 }).map((id): PortSet => ({ psid: { offset, length, id } }))), { minLength: 1, maxLength: 40 })),
  fc.array(
    fc.oneof(
      fc.tuple(fc.integer({ min: 1024, max: 65535 }), fc.integer({ min: 0, max: 3000 })).map(([first, n]): PortSet => ({ first, last: Math.min(65535, first + n) })),
      geometry.chain((g) => fc.integer({ min: 0, max: 2 ** g.length - 1 }).map((id): PortSet => ({ psid: { ...g, id } }))),
    ),
    { minLength: 1, maxLength: 20 },
  ),
);

test("a port's owner in the table is the one set of those claimed that holds it, by division; a set refused overlaps the earliest it names, at the port it names", (t) => {
  fc.assert(
    fc.property(sets, (list) => {
      const owners = PortOwners.for(list);
      // The same claims, port by port: who holds each port so far.
      const held = new Int32Array(65536).fill(-1);
      for (const [i, s] of list.entries()) {
        const clash = owners.claim(s, i);
        let earliest = -1;
        let at = -1;
        for (let p = 0; p < 65536; p++) {
          const o = held[p]!;
          if (o >= 0 && naiveIn(s, p) && (earliest < 0 || o < earliest)) [earliest, at] = [o, p];
        }
        if (!clash) {
          if (earliest >= 0) return false;
          for (let p = 0; p < 65536; p++) if (naiveIn(s, p)) held[p] = i;
        } else if (clash.owner !== earliest || clash.port !== at) {
          return false;
        }
      }
      for (let p = 0; p < 65536; p++) if (owners.ownerOf(p) !== held[p]) return false;
      return true;
    }),
    { numRuns: 80 },
  );
  t.pass();
});

test('64 PSID sets of length 6 on one address take a table of 64 entries, not 65,536', (t) => {
  const list: PortSet[] = Array.from({ length: 64 }, (_, id) => ({ psid: { offset: 6, length: 6, id } }));
  const owners = PortOwners.for(list);
  for (const [i, s] of list.entries()) t.is(owners.claim(s, i), undefined);
  t.is(owners.bytes, 64 * 4);
  t.is(owners.ownerOf(1024 + 5 * 16 + 3), 5);
  t.is(owners.ownerOf(64512 + 63 * 16 + 15), 63);
  t.is(owners.ownerOf(1023), -1);
  t.is(PortOwners.for([{ first: 1024, last: 2047 }]).bytes, 65536 * 4);
  t.is(PortOwners.for([]).bytes, 4, 'an address with no SMAP');
  t.is(PortOwners.for([]).ownerOf(5000), -1);
});
