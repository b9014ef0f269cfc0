// A /proc file read whole. Proc files report size 0 and are made as they are
// read, so a reader must go on until a read returns nothing: readFileSync
// does; Node 18's fs/promises readFile stopped after the first ~4 KB, which
// capped every conntrack table at about 22 entries.
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 16;

/** The whole text of a file whose size the kernel does not report, read until EOF. */
export function readProcFile(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      chunks.push(n === CHUNK ? buf : buf.subarray(0, n));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
