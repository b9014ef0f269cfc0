// aplus test --list: what would run, one line a file.
import { entryName, type SuiteEntry } from './outcome';
import { plural } from '../report/plural';

export function renderList(entries: readonly SuiteEntry[]): string {
  const w = Math.max(0, ...entries.map((e) => entryName(e).length));
  const lines = entries.map((e) => {
    if (e.kind === 'bad') return `${entryName(e).padEnd(w)}  ${e.file}  BAD: ${e.message}`;
    const tags = e.scenario.tags.length ? `  [${e.scenario.tags.join(', ')}]` : '';
    return `${entryName(e).padEnd(w)}  ${e.file}${tags}`;
  });
  const bad = entries.filter((e) => e.kind === 'bad').length;
  return [...lines, `${plural(entries.length, 'scenario file')}${bad ? `, ${bad} bad` : ''}`].join('\n') + '\n';
}
