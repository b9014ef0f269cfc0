// Chart.js, read from node_modules at render time and inlined in each
// report, so that a report opens offline (a CI artifact, a phone on a train).
// Its package exports no path to the UMD build, which defines the global
// `Chart` a plain <script> needs: it sits beside the main entry, in dist/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let source: string | undefined;

export function chartLibrary(): string {
  if (source === undefined) {
    const file = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
    try {
      source = readFileSync(file, 'utf8');
    } catch (cause) {
      throw new Error(`the HTML report needs Chart.js's UMD build at ${file}: run npm ci`, { cause });
    }
  }
  return source;
}
