// A PRR configuration file that cannot be used, with the line to fix.
import { InputError } from '../../model/errors';

export class ConfigError extends InputError {
  /** 1-based line number; 0 when the problem is the file as a whole (a missing key). */
  readonly line: number;
  readonly file: string;
  constructor(detail: string, line: number, file = 'prr.conf', opts: { cause?: unknown } = {}) {
    super(detail, { location: line > 0 ? { file, line } : { file }, ...opts });
    this.name = 'ConfigError';
    this.line = line;
    this.file = file;
  }
}
