// Runs the CLI in-process with fake streams, as a user would from a shell.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../sim/cli';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(...argv: string[]): Promise<CliResult> {
  let out = '', err = '';
  const code = await main(argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

/** Writes text to a fresh temporary file named name; returns its path. */
export function tempFile(name: string, text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'aplus-test-')), name);
  writeFileSync(p, text);
  return p;
}
