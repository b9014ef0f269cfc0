// aplus test --list: what would run, one line a file; with --parallel, also
// which scenarios cannot be up beside which (shared subnets).
import { entryName, type SuiteEntry } from './outcome';
import { subnetsOverlap } from './plan-subnets';
import { plural } from '../report/plural';

export function renderList(entries: readonly SuiteEntry[], opts: { parallel?: number } = {}): string {
  const w = Math.max(0, ...entries.map((e) => entryName(e).length));
  const lines = entries.map((e) => {
    if (e.kind === 'bad') return `${entryName(e).padEnd(w)}  ${e.file}  BAD: ${e.message}`;
    const tags = e.scenario.tags.length ? `  [${e.scenario.tags.join(', ')}]` : '';
    let shares = '';
    if ((opts.parallel ?? 1) > 1) {
      const others = entries.filter((o) => o !== e && o.kind === 'scenario' && subnetsOverlap(o.subnets, e.subnets)).map(entryName);
      if (others.length > 0) shares = `  (shares subnets with ${others.length}: ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''})`;
    }
    return `${entryName(e).padEnd(w)}  ${e.file}${tags}${shares}`;
  });
  const bad = entries.filter((e) => e.kind === 'bad').length;
  return [...lines, `${plural(entries.length, 'scenario file')}${bad ? `, ${bad} bad` : ''}`].join('\n') + '\n';
}
