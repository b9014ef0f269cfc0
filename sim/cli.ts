// aplus: the command line. Thin: picks a command, maps errors to exit codes
// (0 pass, 1 check failed, 2 bad input or usage, 3 environment, 130
// interrupted) and prints one clear line, with the stack only under --debug.
import { AbortedError, AplusError, EnvironmentError, abortReason } from './model/errors';
import { makeContext, type Context, type Io } from './cli/context';
import { checkCommand } from './cli/cmd-check';
import { countersCommand } from './cli/cmd-counters';
import { downCommand } from './cli/cmd-down';
import { execCommand } from './cli/cmd-exec';
import { imagesCommand } from './cli/cmd-images';
import { lsCommand } from './cli/cmd-ls';
import { upCommand } from './cli/cmd-up';
import { runCommand } from './cli/cmd-run';
import { simulateCommand } from './cli/cmd-simulate';
import { testCommand } from './cli/cmd-test';

export { abortOnSignals } from './cli/interrupt';

type Command = (argv: string[], ctx: Context) => Promise<number>;

const commands: Record<string, { run: Command; line: string }> = {
  images: { run: imagesCommand, line: 'images build        build the base and role images (offline, from Debian packages)' },
  check: { run: checkCommand, line: 'check FILE          validate a topology file, touching nothing' },
  up: { run: upCommand, line: 'up FILE             bring a topology up; prints the run id' },
  run: { run: runCommand, line: 'run SCENARIO        run a scenario and check its assertions' },
  simulate: { run: simulateCommand, line: 'simulate SPEC       how many ports users need, from a population of planned users (no Docker)' },
  test: { run: testCommand, line: 'test [PATH...]      run every scenario under the paths as a suite (JUnit, summary)' },
  ls: { run: lsCommand, line: 'ls [RUN]            list runs and their nodes' },
  exec: { run: execCommand, line: 'exec NODE -- CMD    run a command in a node' },
  counters: { run: countersCommand, line: 'counters [NODE]     packet and drop counters of the PRR and SMAPs' },
  down: { run: downCommand, line: 'down RUN | --all    remove a run, or every run' },
};

const usage = () =>
  ['usage: aplus COMMAND [options]   (aplus COMMAND --help for more)', '', ...Object.values(commands).map((c) => `  ${c.line}`), '',
    'global options: --debug (stack traces), --json where a command supports it', ''].join('\n');

export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }, signal?: AbortSignal): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === 'help') {
    io.out.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.err.write(`aplus: no command "${name}"\n${usage()}`);
    return 2;
  }
  // --json switches progress to JSON lines, except where it names an output file (run and test --json FILE).
  const jsonEvents = rest.includes('--json') && name !== 'run' && name !== 'test';
  const ctx = makeContext(io, jsonEvents, signal ?? new AbortController().signal);
  try {
    return await command.run(rest, ctx);
  } catch (e) {
    return report(e, ctx, debug);
  }
}

function report(e: unknown, ctx: Context, debug: boolean): number {
  if (debug && e instanceof Error) ctx.err.write(`${e.stack}\n${e.cause ? `cause: ${String((e.cause as Error).stack ?? e.cause)}\n` : ''}`);
  // An interrupted command says where it stopped, and never gives a verdict.
  if (e instanceof AbortedError) {
    ctx.emit({ kind: 'interrupted', signal: e.signal, phase: e.phase, ...(e.runId ? { run: e.runId } : {}) });
    return 130;
  }
  // What failed after Ctrl-C failed because of it: still interrupted.
  if (ctx.signal.aborted) {
    ctx.err.write(`aplus: interrupted by ${abortReason(ctx.signal)}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 130;
  }
  if (e instanceof AplusError) {
    ctx.err.write(`aplus: ${e.message}\n`);
    if (e instanceof EnvironmentError && e.hint) ctx.err.write(`  ${e.hint}\n`);
    return e.exitCode;
  }
  ctx.err.write(`aplus: unexpected error: ${e instanceof Error ? e.message : String(e)}${debug ? '' : ' (--debug shows the stack)'}\n`);
  return 3;
}
