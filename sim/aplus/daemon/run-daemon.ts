// A daemon's life: start, say it is ready (the line the orchestrator waits
// for), write its counters and close on SIGTERM/SIGINT, and turn a startup
// error into one clear line and exit code 2 (bad config) or 3 (environment).
export const READY_MARK = 'aplus: daemon ready';

export function runDaemon(name: string, start: () => { close(): void }): void {
  let loop: { close(): void };
  try {
    loop = start();
  } catch (e) {
    const err = e as Error & { line?: number };
    process.stderr.write(`${name}: cannot start: ${err.message}\n`);
    process.exit(err.name === 'ConfigError' || err.name === 'RangeTableError' || err instanceof RangeError ? 2 : 3);
  }
  process.stdout.write(`${READY_MARK}\n`);
  const stop = (sig: string) => {
    process.stdout.write(`${name}: ${sig}, closing\n`);
    loop.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
