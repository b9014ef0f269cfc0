// --html means one thing in `run`, `test` and `simulate`: the HTML file to
// write. `run` writes its report there; `test` writes an index there and each
// run's report in a folder beside it (sim/suite/html-report.ts); `simulate`
// its page. Checked before anything runs, so that a long run does not end in
// a file it cannot write.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** What is wrong with a report file's option (--json FILE, --junit FILE): its folder must exist. */
export function reportFileProblem(flag: string, file: string): string | undefined {
  const dir = dirname(file);
  return existsSync(dir) && statSync(dir).isDirectory() ? undefined : `${flag} ${file}: no folder ${dir}`;
}

/** What is wrong with --html FILE, or undefined when it names an HTML file to write. */
export function htmlFileProblem(file: string): string | undefined {
  if (existsSync(file) && statSync(file).isDirectory()) return `--html ${file} is a folder: give the file to write, e.g. --html ${join(file, 'report.html')}`;
  if (!file.endsWith('.html')) return `--html ${file}: expected a file name ending in .html`;
  const blocked = notWritable(file);
  return blocked === undefined ? undefined : `--html ${file}: cannot write there: ${blocked}`;
}

/** Why `file` cannot be written, its missing folders made: the nearest existing folder is a file, or may not be written. */
function notWritable(file: string): string | undefined {
  if (existsSync(file)) return writable(file) ? undefined : `${file} is not writable`;
  let dir = dirname(resolve(file));
  while (!existsSync(dir)) dir = dirname(dir);
  if (!statSync(dir).isDirectory()) return `${dir} is a file, not a folder`;
  return writable(dir) ? undefined : `the folder ${dir} is not writable`;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
