import type { RunInfo } from '../runtime/index';

/** The runs and their nodes as a plain table. */
export function renderRuns(runs: readonly RunInfo[]): string {
  if (runs.length === 0) return 'no runs\n';
  return runs
    .map((r) => {
      const w = Math.max(4, ...r.nodes.map((n) => n.name.length));
      const rows = r.nodes.map((n) => `  ${n.name.padEnd(w)}  ${n.role.padEnd(6)}  ${n.state.padEnd(7)}  ${n.addresses.join(' ')}`);
      return [`${r.runId}  (${r.topology}${r.file ? `, ${r.file}` : ''}, up since ${r.created})`, ...rows].join('\n');
    })
    .join('\n\n') + '\n';
}
