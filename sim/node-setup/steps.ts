// A node's setup as data: what the node does, in order. Each step is an
// argv, an nftables JSON document, a file, or a wait; a daemon step starts a
// program and waits for its ready line. One rule renders them all into the
// bash the container runs (render-shell.ts), every word quoted.
import type { NftDocument } from './nft-document';

export type Step =
  /** An argv; `input` is its stdin; with `log`, its output goes there and its tail into the error. */
  | { readonly run: readonly string[]; readonly input?: string; readonly log?: string }
  /** One nftables transaction, given to `nft -j` (nftArgv). */
  | { readonly nft: NftDocument }
  /** A file, its folder made first. */
  | { readonly write: string; readonly text: string }
  /** Waits until every interface exists (the runtime makes them once the container runs). */
  | { readonly waitInterfaces: readonly string[]; readonly seconds: number }
  /** Starts a program in the background, output to `log`, and waits until the log has `ready`; supervised: the node lives as long as it does. */
  | { readonly daemon: string; readonly argv: readonly string[]; readonly log: string; readonly ready: string; readonly seconds: number; readonly supervise: boolean }
  /** Waits until something listens on a TCP port (a program whose own output is no signal). */
  | { readonly waitListening: number; readonly seconds: number; readonly log: string };

/** Folders made, as `mkdir -p` makes them. */
export const makeDirs = (...dirs: string[]): Step => ({ run: ['mkdir', '-p', ...dirs] });

/** The line a node prints once every step has run; anything else means the node failed. */
export const WIRED_MARK = 'aplus: wired';

/** A step in one line, for errors and logs. */
export function describeStep(step: Step): string {
  if ('run' in step) return step.run.join(' ');
  if ('nft' in step) {
    const tables = step.nft.nftables.flatMap((c) => { const o = 'add' in c ? c.add : c.flush; return 'table' in o ? [o.table.name] : []; });
    return `nft -j (${tables.length > 0 ? `table ${tables.join(', ')}` : `${step.nft.nftables.length} commands`})`;
  }
  if ('write' in step) return `write ${step.write}`;
  if ('waitInterfaces' in step) return `wait for interfaces ${step.waitInterfaces.join(' ')}`;
  if ('daemon' in step) return `daemon ${step.daemon}: ${step.argv.join(' ')}`;
  return `wait for a listener on TCP port ${step.waitListening}`;
}
