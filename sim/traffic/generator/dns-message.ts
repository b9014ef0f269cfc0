// The few DNS messages the testbed needs (RFC 1035 section 4): a query for
// one name, and an answer with A records. Both the generator (client) and
// the emulated Internet (server) use it, so that every lookup is a real
// UDP DNS packet that crosses the SMAP's NAT and takes a port (paper II-A).
// Decoding never throws: a bad message is a reason, as in sim/aplus/codec.

export const TYPE_A = 1;
const CLASS_IN = 1;
const HEADER = 12;

export const RCODE = { noError: 0, formErr: 1, servFail: 2, nxDomain: 3, notImp: 4 } as const;

export interface DnsQuestion {
  readonly id: number;
  readonly name: string;
  readonly type: number;
  /** Recursion desired, echoed in the answer. */
  readonly rd: boolean;
}

export interface DnsAnswer {
  readonly id: number;
  readonly rcode: number;
  readonly name: string;
  /** The A records' addresses, in order. */
  readonly addresses: readonly string[];
}

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter((l) => l.length > 0);
  const parts: Buffer[] = [];
  for (const l of labels) {
    const b = Buffer.from(l, 'ascii');
    if (b.length > 63) throw new RangeError(`DNS label longer than 63 bytes in "${name}"`);
    parts.push(Buffer.from([b.length]), b);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** A name at `at`, following compression pointers (RFC 1035 4.1.4); `end` is where the name ends in place. */
function readName(msg: Buffer, at: number): { name: string; end: number } | undefined {
  const labels: string[] = [];
  let pos = at;
  let end: number | undefined;
  // A pointer loop would never end: at most as many jumps as the message has bytes.
  for (let jumps = 0; jumps < msg.length; jumps++) {
    const len = msg[pos];
    if (len === undefined) return undefined;
    if (len === 0) return { name: labels.join('.'), end: end ?? pos + 1 };
    if ((len & 0xc0) === 0xc0) {
      const low = msg[pos + 1];
      if (low === undefined) return undefined;
      end ??= pos + 2;
      pos = ((len & 0x3f) << 8) | low;
      continue;
    }
    if (pos + 1 + len > msg.length) return undefined;
    labels.push(msg.toString('ascii', pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
  return undefined;
}

export function encodeQuery(id: number, name: string): Buffer {
  const h = Buffer.alloc(HEADER);
  h.writeUInt16BE(id & 0xffff, 0);
  h.writeUInt16BE(0x0100, 2); // RD, as a stub resolver sends
  h.writeUInt16BE(1, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(TYPE_A, 0);
  tail.writeUInt16BE(CLASS_IN, 2);
  return Buffer.concat([h, encodeName(name), tail]);
}

export function decodeQuery(msg: Buffer): Decoded<DnsQuestion> {
  if (msg.length < HEADER) return { ok: false, reason: 'short' };
  const flags = msg.readUInt16BE(2);
  if (flags & 0x8000) return { ok: false, reason: 'not-a-query' };
  if (msg.readUInt16BE(4) !== 1) return { ok: false, reason: 'not-one-question' };
  const q = readName(msg, HEADER);
  if (!q || q.end + 4 > msg.length) return { ok: false, reason: 'bad-question' };
  return { ok: true, value: { id: msg.readUInt16BE(0), name: q.name, type: msg.readUInt16BE(q.end), rd: (flags & 0x0100) !== 0 } };
}

/** An answer to `q`: one A record per address (none for NXDOMAIN or another type). */
export function encodeAnswer(q: DnsQuestion, rcode: number, addresses: readonly string[], ttl = 60): Buffer {
  const h = Buffer.alloc(HEADER);
  h.writeUInt16BE(q.id, 0);
  h.writeUInt16BE(0x8000 | 0x0400 | (q.rd ? 0x0100 : 0) | 0x0080 | (rcode & 0xf), 2); // QR, AA, RD echoed, RA
  h.writeUInt16BE(1, 4);
  h.writeUInt16BE(addresses.length, 6);
  const question = Buffer.concat([encodeName(q.name), Buffer.from([q.type >> 8, q.type & 0xff, 0, CLASS_IN])]);
  const records = addresses.map((a) => {
    const r = Buffer.alloc(16);
    r.writeUInt16BE(0xc000 | HEADER, 0); // the name is the question's
    r.writeUInt16BE(TYPE_A, 2);
    r.writeUInt16BE(CLASS_IN, 4);
    r.writeUInt32BE(ttl, 6);
    r.writeUInt16BE(4, 10);
    a.split('.').forEach((o, i) => r.writeUInt8(Number(o) & 0xff, 12 + i));
    return r;
  });
  return Buffer.concat([h, question, ...records]);
}

export function decodeAnswer(msg: Buffer): Decoded<DnsAnswer> {
  if (msg.length < HEADER) return { ok: false, reason: 'short' };
  const flags = msg.readUInt16BE(2);
  if (!(flags & 0x8000)) return { ok: false, reason: 'not-an-answer' };
  const qd = msg.readUInt16BE(4);
  const an = msg.readUInt16BE(6);
  let pos = HEADER;
  let name = '';
  for (let i = 0; i < qd; i++) {
    const q = readName(msg, pos);
    if (!q) return { ok: false, reason: 'bad-question' };
    if (i === 0) name = q.name;
    pos = q.end + 4;
  }
  const addresses: string[] = [];
  for (let i = 0; i < an; i++) {
    const r = readName(msg, pos);
    if (!r || r.end + 10 > msg.length) return { ok: false, reason: 'bad-record' };
    const type = msg.readUInt16BE(r.end);
    const len = msg.readUInt16BE(r.end + 8);
    const data = r.end + 10;
    if (data + len > msg.length) return { ok: false, reason: 'bad-record' };
    if (type === TYPE_A && len === 4) addresses.push([...msg.subarray(data, data + 4)].join('.'));
    pos = data + len;
  }
  return { ok: true, value: { id: msg.readUInt16BE(0), rcode: flags & 0xf, name, addresses } };
}
