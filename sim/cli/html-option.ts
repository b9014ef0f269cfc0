// --html means one thing in `run` and `test`: the HTML file to write. `run`
// writes its report there; `test` writes an index there and each run's report
// in a folder beside it (sim/suite/html-report.ts). Checked before anything
// runs, so that a long run does not end in a file it cannot write.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What is wrong with --html FILE, or undefined when it names an HTML file to write. */
export function htmlFileProblem(file: string): string | undefined {
  if (existsSync(file) && statSync(file).isDirectory()) return `--html ${file} is a folder: give the file to write, e.g. --html ${join(file, 'report.html')}`;
  if (!file.endsWith('.html')) return `--html ${file}: expected a file name ending in .html`;
  return undefined;
}
