// The PRR's binding table at 1k, 16k and 65k bindings (issue 14: 65,536
// loaded in under a second, lookups in O(1)): 64 bindings per shared
// address, as many addresses as that takes (16, 256, 1024). Each size twice,
// in the same run: the baseline with first-last ranges (64 of 1008 ports,
// 1024-65535), and RFC 7597 PSID sets (64 of length 6, offset 6: 1008 ports
// each too). Load is what the daemon does at start, parsing prr.conf and
// compiling the table: the first load of a fresh process (as the daemon
// does it, once) and the median of five more; memory is what the compiled
// table keeps (heap and array buffers, after a GC); each size and kind in a
// process of its own; a lookup is one (address, port) to its owner. Ratios
// are the figures; absolute times depend on the machine.
// Usage: node --import tsx bench/bindings.ts [bindings...]
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { medianMs } from './median-ms';
import { setTimeout } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { formatPaperConfig, paperConfigToRangeTableInput, parsePaperConfig, type CpeConfig } from '../sim/aplus/core/paper-config';
import { compileRangeTable } from '../sim/aplus/core/range-table';

const PER_ADDRESS = 64;
const DEFAULT_SIZES = [1024, 16384, 65536];
type Kind = 'ranges' | 'psid';

interface Figures {
  /** The first parse and compile of the process: the daemon's start. */
  readonly firstMs: number;
  readonly parseMs: number;
  readonly compileMs: number;
  readonly memoryMiB: number;
  readonly lookupNs: number;
  /** Share of the random (address, port) pairs looked up that have an owner. */
  readonly owned: number;
}

/** The prr.conf of `n` bindings: 64 per address, ranges or PSID sets (private and ULA addresses: no run makes it). */
function configText(kind: Kind, n: number): string {
  const addresses = Array.from({ length: Math.ceil(n / PER_ADDRESS) }, (_, a) => Uint8Array.of(10, a >> 8, a & 255, 1));
  const cpes: CpeConfig[] = Array.from({ length: n }, (_, i) => {
    const a = Math.floor(i / PER_ADDRESS);
    const k = i % PER_ADDRESS;
    const ports = kind === 'psid' ? { psid: { offset: 6, length: 6, id: k } } : { first: 1024 + 1008 * k, last: 1024 + 1008 * k + 1007 };
    const addrV6 = Uint8Array.of(0xfd, 0, 0, 0, 0, 0, a >> 8, a & 255, 0, 0, 0, 0, 0, 0, 0, k + 1);
    return { ...ports, n: i + 1, name: `cpe-${i + 1}`, addrV6, mtu: undefined, ...(a > 0 ? { shared: addresses[a]! } : {}) };
  });
  return formatPaperConfig({ prrAddrV4: Uint8Array.of(10, 255, 255, 1), prrAddrV6: Uint8Array.of(0xfd, ...new Array<number>(14).fill(0), 1), shared: addresses[0]!, moreShared: addresses.slice(1), cpes });
}

/** One kind at one size, in this process (started with --expose-gc). */
async function one(kind: Kind, n: number): Promise<Figures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const text = configText(kind, n);
  const t0 = performance.now();
  compileRangeTable(paperConfigToRangeTableInput(parsePaperConfig(text)));
  const firstMs = performance.now() - t0;
  const parseMs = medianMs(() => parsePaperConfig(text));
  const input = paperConfigToRangeTableInput(parsePaperConfig(text));
  const compileMs = medianMs(() => compileRangeTable(input));
  // What the table keeps: memory with it, less memory before it. The garbage of
  // the runs above is collected first; array buffers are freed after a GC, not in it.
  const used = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await setTimeout(50);
    }
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = await used();
  const table = compileRangeTable(input);
  const memoryMiB = (await used() - before) / 2 ** 20;
  // Random (address, port) pairs, drawn beforehand; the share that has an owner is the same question asked of both kinds.
  const m = 1_000_000;
  const addrs = new Int32Array(m);
  const ports = new Int32Array(m);
  let seed = 1;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < m; i++) [addrs[i], ports[i]] = [next() % table.sharedAddresses.length, next() % 65536];
  let owned = 0;
  const lookupMs = medianMs(() => {
    owned = 0;
    for (let i = 0; i < m; i++) if (table.ownerOfPort(ports[i]!, addrs[i]!) >= 0) owned++;
  });
  return { firstMs, parseMs, compileMs, memoryMiB, lookupNs: (lookupMs * 1e6) / m, owned: owned / m };
}

async function main(): Promise<void> {
  const [flag, kind, size] = process.argv.slice(2);
  if (flag === '--one') {
    process.stdout.write(JSON.stringify(await one(kind as Kind, Number(size))) + '\n');
    return;
  }
  const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : DEFAULT_SIZES;
  const run = (k: Kind, n: number): Figures => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--one', k, String(n)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${k} ${n}: exit ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout) as Figures;
  };
  const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
  console.log(`${'bindings'.padStart(8)} ${'addresses'.padStart(9)} ${'kind'.padStart(6)} ${'first load'.padStart(10)} ${'parse'.padStart(10)} ${'compile'.padStart(10)} ${'load'.padStart(10)} ${'table MiB'.padStart(10)} ${'lookup'.padStart(9)} ${'owned'.padStart(6)}`);
  const all: Array<{ n: number; ranges: Figures; psid: Figures }> = [];
  for (const n of sizes) {
    const row = { n, ranges: run('ranges', n), psid: run('psid', n) };
    all.push(row);
    for (const k of ['ranges', 'psid'] as const) {
      const f = row[k];
      console.log(`${String(n).padStart(8)} ${String(Math.ceil(n / PER_ADDRESS)).padStart(9)} ${k.padStart(6)} ${ms(f.firstMs)} ${ms(f.parseMs)} ${ms(f.compileMs)} ${ms(f.parseMs + f.compileMs)} ${f.memoryMiB.toFixed(1).padStart(10)} ${`${f.lookupNs.toFixed(1)} ns`.padStart(9)} ${`${(f.owned * 100).toFixed(1)}%`.padStart(6)}`);
    }
  }
  const load = (f: Figures) => f.parseMs + f.compileMs;
  console.log('\npsid / ranges, same size:');
  for (const { n, ranges, psid } of all) {
    console.log(`  ${String(n).padStart(6)}: first load ${(psid.firstMs / ranges.firstMs).toFixed(2)}x, load ${(load(psid) / load(ranges)).toFixed(2)}x, table memory ${(psid.memoryMiB / ranges.memoryMiB).toFixed(3)}x, lookup ${(psid.lookupNs / ranges.lookupNs).toFixed(2)}x`);
  }
  const [first, last] = [all[0]!, all.at(-1)!];
  if (all.length > 1) {
    console.log(`growth from ${first.n} to ${last.n} bindings (${last.n / first.n}x): ` + (['ranges', 'psid'] as const)
      .map((k) => `${k} load ${(load(last[k]) / load(first[k])).toFixed(1)}x, lookup ${(last[k].lookupNs / first[k].lookupNs).toFixed(2)}x`).join('; '));
  }
}

await main();
