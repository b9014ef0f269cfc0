// Parse time of the PRR's configuration (sim/aplus/core/paper-config.ts) at
// 1k, 4k, 16k and 64,512 CPEs (the "65k": every port of 1024-65535,
// one each, as many ranges as fit), beside two baselines from the same run
// and the same text: splitting it into lines and words, and compiling the
// range table the parse feeds. Ratios are the figures; absolute times depend
// on the machine.
// Usage: node --import tsx bench/paper-config.ts [cpes...]
import { medianMs } from './median-ms';
import { compileRangeTable, MIN_SMAP_PORT } from '../sim/aplus/core/range-table';
import { paperConfigToRangeTableInput, parsePaperConfig } from '../sim/aplus/core/paper-config';

const PORTS = 65536 - MIN_SMAP_PORT;
const DEFAULT_SIZES = [1000, 4000, 16000, PORTS];

/** A valid configuration: `n` CPEs with equal, consecutive ranges and distinct addresses. */
function configText(n: number): string {
  const width = Math.floor(PORTS / n);
  if (width < 1) throw new RangeError(`${n} CPEs do not fit in ${PORTS} ports`);
  const lines = ['PrrAddrV4 192.0.2.1', 'PrrAddrV6 2001:db8::1', 'IPv4Shared 192.0.2.2'];
  for (let i = 1; i <= n; i++) {
    const first = MIN_SMAP_PORT + (i - 1) * width;
    lines.push(`Cpe${i}AddrV6 2001:db8:1::${i.toString(16)}`, `Cpe${i}PortRange ${first}-${first + width - 1}`, `Cpe${i}Name cpe-${i}`);
  }
  return `${lines.join('\n')}\n`;
}

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : DEFAULT_SIZES;
const fmt = (ms: number): string => `${ms.toFixed(1)} ms`.padStart(11);
console.log(`${'CPEs'.padStart(6)} ${'lines'.padStart(7)} ${'parse'.padStart(11)} ${'split'.padStart(11)} ${'compile'.padStart(11)} ${'parse/split'.padStart(12)} ${'parse/compile'.padStart(14)} ${'µs/CPE'.padStart(7)}`);
for (const n of sizes) {
  const text = configText(n);
  const split = medianMs(() => text.split(/\r?\n/).map((l) => l.trim().split(/\s+/)));
  const parse = medianMs(() => parsePaperConfig(text));
  const input = paperConfigToRangeTableInput(parsePaperConfig(text));
  const compile = medianMs(() => compileRangeTable(input));
  const lines = text.split('\n').length - 1;
  console.log(
    `${String(n).padStart(6)} ${String(lines).padStart(7)} ${fmt(parse)} ${fmt(split)} ${fmt(compile)} ${(parse / split).toFixed(1).padStart(12)} ${(parse / compile).toFixed(1).padStart(14)} ${((parse * 1000) / n).toFixed(1).padStart(7)}`,
  );
}
