// Argument parsing on node:util's parseArgs, with usage errors as InputError
// (exit code 2) and --help on every command.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../model/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandSpec {
  readonly usage: string;
  readonly summary: string;
  readonly options: Options;
  /** Lines of help about the options and arguments. */
  readonly details: readonly string[];
}

export function helpText(spec: CommandSpec): string {
  return [`usage: aplus ${spec.usage}`, '', spec.summary, '', ...spec.details, '  --help         this text'].join('\n') + '\n';
}

export function parse<S extends CommandSpec>(spec: S, argv: string[]) {
  const options = { ...spec.options, help: { type: 'boolean' } } as S['options'] & { help: { type: 'boolean' } };
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new InputError(`${(e as Error).message.split('\n')[0]} (usage: aplus ${spec.usage})`);
  }
}

export function usageError(spec: { usage: string }, what: string): InputError {
  return new InputError(`${what} (usage: aplus ${spec.usage})`);
}

/** A count option (--parallel, --concurrency, --workers): a whole number of 1 or more, `dflt` when absent. */
export function countOption(spec: { usage: string }, flag: string, value: string | undefined, dflt: number): number;
export function countOption(spec: { usage: string }, flag: string, value: string | undefined): number | undefined;
export function countOption(spec: { usage: string }, flag: string, value: string | undefined, dflt?: number): number | undefined {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw usageError(spec, `--${flag} takes a whole number of 1 or more`);
  return n;
}
