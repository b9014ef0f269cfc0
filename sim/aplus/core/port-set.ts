// The ports a SMAP owns of its shared address: a first-last range, as the
// paper gave each room, or an RFC 7597 section 5.1 port set. A port is 16
// bits A|PSID|M: `offset` bits A (a), `length` bits PSID (k), m = 16 - a - k
// bits M. A set is every port whose PSID bits are its id, A > 0: 2^a - 1
// blocks of 2^m consecutive ports, one in each 2^(16-a) ports but the first.
// Ports below 2^(16-a), the A = 0 blocks, are in no set: with a from 1 to 6
// that is at least 0-1023, which are never shared.

/** Ports below 1024 are the shared address's own well-known ports, never a customer's. */
export const MIN_SMAP_PORT = 1024;
/** RFC 7597 5.1: a is 6 unless provisioned otherwise, which keeps ports 0-1023 out of every set. */
export const DEFAULT_PSID_OFFSET = 6;
/** The largest offset whose A = 0 ports still hold all of 0-1023 (2^(16-6) = 1024). */
export const MAX_PSID_OFFSET = 6;

export interface PortRange {
  readonly first: number;
  readonly last: number;
}

/** RFC 7597 5.1's port-set parameters: offset a, PSID length k, and the PSID. */
export interface Psid {
  readonly offset: number;
  readonly length: number;
  readonly id: number;
}

/** A range or a PSID set, told apart by its keys: `{ first, last }` or `{ psid }`. */
export type PortSet = PortRange | { readonly psid: Psid };

export const isPsidSet = (s: PortSet): s is { readonly psid: Psid } => 'psid' in s;

/** Which parameter is wrong and why: what psidProblem finds. */
export interface PsidProblem {
  readonly key: keyof Psid;
  readonly message: string;
}

/** Why these are not the parameters of a set aplus hands out (the first wrong one), or undefined. */
export function psidProblem(p: Psid): PsidProblem | undefined {
  const { offset: a, length: k, id } = p;
  if (!Number.isInteger(a) || a < 1 || a > MAX_PSID_OFFSET) {
    return { key: 'offset', message: `expected 1 to ${MAX_PSID_OFFSET}, so that the ports no set has (A = 0, below 2^(16-offset)) hold all of 0-1023, got ${a}` };
  }
  if (!Number.isInteger(k) || k < 0 || a + k > 16) return { key: 'length', message: `expected 0 to ${16 - a} (offset + length at most 16 bits), got ${k}` };
  if (!Number.isInteger(id) || id < 0 || id >= 2 ** k) return { key: 'id', message: `expected 0 to ${2 ** k - 1} (a PSID of ${k} bits), got ${id}` };
  return undefined;
}

/** m, the port's low bits that are free within a block. */
const freeBits = (p: Psid): number => 16 - p.offset - p.length;

/** The set's PSID of `port` (its k bits after the first a), whoever owns it. */
export const psidOf = (port: number, p: Psid): number => (port >>> freeBits(p)) & (2 ** p.length - 1);

export function inPortSet(s: PortSet, port: number): boolean {
  if (!isPsidSet(s)) return port >= s.first && port <= s.last;
  const p = s.psid;
  return port >= 2 ** (16 - p.offset) && port <= 65535 && psidOf(port, p) === p.id;
}

export function portSetSize(s: PortSet): number {
  return isPsidSet(s) ? (2 ** s.psid.offset - 1) * 2 ** freeBits(s.psid) : s.last - s.first + 1;
}

/** The set as ranges of consecutive ports, ascending; blocks that touch (PSID length 0) are one range. */
export function portSetBlocks(s: PortSet): PortRange[] {
  if (!isPsidSet(s)) return [{ first: s.first, last: s.last }];
  const p = s.psid;
  const m = freeBits(p);
  const out: PortRange[] = [];
  for (let a = 1; a < 2 ** p.offset; a++) {
    const first = a * 2 ** (16 - p.offset) + p.id * 2 ** m;
    const last = first + 2 ** m - 1;
    const prev = out.at(-1);
    if (prev && prev.last + 1 === first) out[out.length - 1] = { first: prev.first, last };
    else out.push({ first, last });
  }
  return out;
}

/** `10000-11000`, or `psid 52/8 offset 6`: the PSID, its length in bits, and the offset. */
export function formatPortSet(s: PortSet): string {
  return isPsidSet(s) ? `psid ${s.psid.id}/${s.psid.length} offset ${s.psid.offset}` : `${s.first}-${s.last}`;
}

/** Reads what formatPortSet writes, or says why it cannot (ranges checked for shape only, as the callers check theirs). */
export function parsePortSet(text: string): PortSet | string {
  const range = /^(\d{1,5})-(\d{1,5})$/.exec(text);
  if (range) return { first: Number(range[1]), last: Number(range[2]) };
  const psid = /^psid (\d{1,5})\/(\d{1,2}) offset (\d{1,2})$/.exec(text);
  if (!psid) return `"${text}" is neither FIRST-LAST nor "psid ID/LENGTH offset A"`;
  const p = { offset: Number(psid[3]), length: Number(psid[2]), id: Number(psid[1]) };
  const problem = psidProblem(p);
  return problem ? `PSID ${problem.key}: ${problem.message}` : { psid: p };
}
