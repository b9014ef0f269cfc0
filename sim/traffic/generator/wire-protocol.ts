// The generator's TCP protocol, spoken by every TCP flow (tcp and peers
// activities) and the emulated Internet's TCP servers (docs/traffic.md):
//
//   client -> server   "APLUS1 <bytesDown> <bytesUp> [<flow>]\n" then bytesUp bytes
//   server -> client   bytesDown bytes, as soon as the header is read
//
// then both hold the connection until the client closes it (its `hold`),
// so the NAT keeps the port as long as the profile says. A header, not
// HTTP: the payload sizes are what the profiles set, with no headers to
// count, and port 443 needs no TLS to take a port. The flow's tag (client,
// phase, activity, item) lets the server's log be joined with the
// generator's records: the second instrument of every delivered flow.
import type { Socket } from 'node:net';

export const MAGIC = 'APLUS1';
/** A header is short; a peer that sends more without a newline is not speaking this protocol. */
export const MAX_HEADER = 128;
/** Payload bytes are written in chunks of this size, with backpressure. */
export const CHUNK = 64 * 1024;
/** One chunk of filler, shared by every writer. */
export const FILLER: Buffer = Buffer.alloc(CHUNK, 0x2e);

export interface Request {
  readonly bytesDown: number;
  readonly bytesUp: number;
  /** Which flow this is (flowTag), printable ASCII without spaces. */
  readonly flow?: string;
}

const TAG = /^[\x21-\x7e]{1,80}$/;

/** A flow's tag as the server logs it: client, phase, activity and item (no spaces: names are checked by the planner). */
export const flowTag = (f: { client: string; phase: string; activity: number; item: number }): string =>
  `${f.client}/${f.phase}/${f.activity}/${f.item}`.replace(/[^\x21-\x7e]/g, '_').slice(0, 80);

export function encodeRequest(r: Request): Buffer {
  if (r.flow !== undefined && !TAG.test(r.flow)) throw new RangeError(`flow tag ${JSON.stringify(r.flow)}: 1-80 printable characters, no space`);
  return Buffer.from(`${MAGIC} ${r.bytesDown} ${r.bytesUp}${r.flow === undefined ? '' : ` ${r.flow}`}\n`, 'ascii');
}

/** The request in a header line, without its newline; undefined if it is not one. */
export function parseRequest(line: string): Request | undefined {
  const m = /^APLUS1 (\d{1,12}) (\d{1,12})(?: ([\x21-\x7e]{1,80}))?$/.exec(line);
  if (!m) return undefined;
  return { bytesDown: Number(m[1]), bytesUp: Number(m[2]), ...(m[3] === undefined ? {} : { flow: m[3] }) };
}

/** Writes `n` filler bytes with backpressure; resolves when all are handed to the socket, false if it closed first. */
export async function writeFiller(sock: Socket, n: number): Promise<boolean> {
  let left = n;
  while (left > 0) {
    if (sock.destroyed || !sock.writable) return false;
    const size = Math.min(left, CHUNK);
    left -= size;
    const more = sock.write(size === CHUNK ? FILLER : FILLER.subarray(0, size));
    if (!more) {
      const drained = await new Promise<boolean>((resolve) => {
        const done = (v: boolean) => {
          sock.off('drain', onDrain);
          sock.off('close', onClose);
          resolve(v);
        };
        const onDrain = () => done(true);
        const onClose = () => done(false);
        sock.once('drain', onDrain);
        sock.once('close', onClose);
      });
      if (!drained) return false;
    }
  }
  return true;
}
