// Which kind of file a YAML document is, told by its top-level keys: a
// scenario names its topology (`topology:`); a topology has the PRR, SMAPs and
// networks itself. Given to the command for the other kind, it says which
// command takes it, before anything else is read or made.
import { InputError } from './errors';
import { isRecord } from './schema-keys';

export type FileKind = 'scenario' | 'topology' | 'unknown';

const TOPOLOGY_KEYS = ['prr', 'smaps', 'core', 'internet'] as const;

export function fileKind(document: unknown): FileKind {
  if (!isRecord(document)) return 'unknown';
  if ('topology' in document) return 'scenario';
  return TOPOLOGY_KEYS.some((k) => k in document) ? 'topology' : 'unknown';
}

/** The error for a file of the other kind: which command takes it instead. Exit code 2. */
export function wrongKind(file: string, kind: 'scenario' | 'topology'): InputError {
  return kind === 'scenario'
    ? new InputError(`${file} is a scenario: run it with \`aplus run ${file}\``)
    : new InputError(`${file} is a topology: bring it up with \`aplus up ${file}\`, or name it in a scenario's \`topology:\``);
}

/** Throws wrongKind when the document is of the other kind than wanted; an unknown kind is left to the schema to explain. */
export function expectKind(document: unknown, file: string, wanted: 'scenario' | 'topology'): void {
  const kind = fileKind(document);
  if (kind !== 'unknown' && kind !== wanted) throw wrongKind(file, kind);
}
