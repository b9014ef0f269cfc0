// Who owns each port of one shared address, found with one array read. With
// ranges (or ranges and PSID sets mixed) the array has an entry per port.
// When every set of the address is a PSID set of one offset a, the owner of a
// port of A > 0 depends only on its low 16 - a bits, and of those not on the
// last g, the fewest free bits (m) of its sets: 2^(16-a-g) entries, 64 for 64
// sets of PSID length 6, instead of 65,536.
import { isPsidSet, portSetBlocks, type PortSet } from './port-set';

/** An earlier owner of some of a set's ports: the earliest one, at the lowest port they share. */
export interface Clash {
  readonly owner: number;
  readonly port: number;
}

const earlier = (a: Clash | undefined, b: Clash | undefined): Clash | undefined =>
  !a || (b && (b.owner < a.owner || (b.owner === a.owner && b.port < a.port))) ? b : a;

export class PortOwners {
  /** Ports below this (the A = 0 ports of PSID sets) are nobody's. */
  private readonly minPort: number;
  private readonly lowMask: number;

  private constructor(
    /** a when every set is a PSID set of that offset, else 0 (one entry per port). */
    private readonly offset: number,
    /** g: low bits no owner depends on. */
    private readonly shift: number,
    private readonly owners: Int32Array,
  ) {
    this.minPort = offset > 0 ? 2 ** (16 - offset) : 0;
    this.lowMask = 2 ** (16 - offset) - 1;
  }

  /** An empty table shaped for these sets, which claim() then fills. */
  static for(sets: readonly PortSet[]): PortOwners {
    // No sets: one entry, nobody's, for every port.
    if (sets.length === 0) return new PortOwners(0, 16, Int32Array.of(-1));
    const first = sets[0]!;
    const offset = isPsidSet(first) && sets.every((s) => isPsidSet(s) && s.psid.offset === first.psid.offset) ? first.psid.offset : 0;
    let shift = 0;
    if (offset > 0) {
      shift = 16 - offset;
      for (const s of sets) if (isPsidSet(s)) shift = Math.min(shift, 16 - offset - s.psid.length);
    }
    return new PortOwners(offset, shift, new Int32Array(2 ** (16 - offset - shift)).fill(-1));
  }

  /** The owner of `port`, or -1. */
  ownerOf(port: number): number {
    return port >= this.minPort && port <= 65535 ? this.owners[(port & this.lowMask) >>> this.shift]! : -1;
  }

  /** Gives `owner` the set's ports, unless an earlier owner has some: then nothing changes and the clash is returned. */
  claim(set: PortSet, owner: number): Clash | undefined {
    // A range (the paper's) is one run of entries: no list made for it.
    if (!isPsidSet(set) && this.offset === 0) return this.claimRun(set.first, set.last, owner);
    const runs = this.runs(set);
    let clash: Clash | undefined;
    for (const r of runs) clash = earlier(clash, this.clashIn(r.first, r.last));
    if (clash) return clash;
    for (const r of runs) this.owners.fill(owner, r.first, r.last + 1);
    return undefined;
  }

  private claimRun(first: number, last: number, owner: number): Clash | undefined {
    const clash = this.clashIn(first, last);
    if (!clash) this.owners.fill(owner, first, last + 1);
    return clash;
  }

  /** The earliest owner of entries first-last, at its lowest port there. */
  private clashIn(first: number, last: number): Clash | undefined {
    let clash: Clash | undefined;
    for (let i = first; i <= last; i++) {
      const o = this.owners[i]!;
      if (o >= 0 && (!clash || o < clash.owner)) clash = { owner: o, port: this.portAt(i) };
    }
    return clash;
  }

  /** Bytes the array takes. */
  get bytes(): number {
    return this.owners.byteLength;
  }

  /** The set's entries, as runs of indices. */
  private runs(set: PortSet): Array<{ first: number; last: number }> {
    if (this.offset === 0) return portSetBlocks(set);
    if (!isPsidSet(set) || set.psid.offset !== this.offset) throw new Error(`a table of PSID offset ${this.offset} cannot hold this set`);
    // Every block has the same low 16 - a bits: id, then m free bits.
    const m = 16 - set.psid.offset - set.psid.length;
    const first = set.psid.id * 2 ** m;
    return [{ first: first >>> this.shift, last: (first + 2 ** m - 1) >>> this.shift }];
  }

  /** The lowest port of entry i that is in some set. */
  private portAt(i: number): number {
    return this.offset === 0 ? i : this.minPort + i * 2 ** this.shift;
  }
}
