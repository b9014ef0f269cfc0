// A proc file is read to its end, however large: the sampler's table reader
// against cat, on a proc file far past the 4 KB where a single read stops.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { readProcFile } from '../../../sim/measure/conntrack/read-proc-file';

test('a proc file of hundreds of kilobytes is read whole, as cat reads it', (t) => {
  // /proc/kallsyms does not change while the machine runs (its addresses read as zeros unless root: same length).
  const byCat = execFileSync('cat', ['/proc/kallsyms'], { maxBuffer: 1 << 30 }).toString('utf8');
  t.true(byCat.length > 100_000, `kallsyms is ${byCat.length} characters`);
  t.is(readProcFile('/proc/kallsyms'), byCat);
});

test('a proc file that grows as it is read ends on a whole line', (t) => {
  const text = readProcFile('/proc/self/smaps');
  t.true(text.length > 4096, `smaps is ${text.length} characters`);
  t.true(text.endsWith('\n'));
});
