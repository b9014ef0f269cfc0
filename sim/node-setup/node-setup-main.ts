// /opt/aplus/node-setup.mjs, every node's Cmd: runs the steps in SETUP_ENV,
// prints WIRED_MARK (the runtime waits for it), then lives as long as its
// supervised daemons do, or idles. A failed step or a daemon's exit fails
// the node, saying which on stderr.
import { runSteps } from './run-steps';
import { decodeSteps, SETUP_ENV, WIRED_MARK } from './steps';

async function main(): Promise<void> {
  const encoded = process.env[SETUP_ENV];
  if (encoded === undefined) throw new Error(`no ${SETUP_ENV} in the environment`);
  // The node's programs need not carry the document.
  delete process.env[SETUP_ENV];
  const started = await runSteps(decodeSteps(encoded));
  process.stdout.write(`${WIRED_MARK}\n`);
  const supervised = started.filter((s) => s.supervise);
  if (supervised.length === 0) {
    setInterval(() => undefined, 2 ** 31 - 1);
    return;
  }
  const exited = (name: string, how: string | number | null) => {
    process.stderr.write(`${name} exited with ${how}\n`);
    process.exit(1);
  };
  for (const s of supervised) {
    if (s.child.exitCode !== null || s.child.signalCode !== null) exited(s.name, s.child.signalCode ?? s.child.exitCode);
    s.child.on('exit', (code, signal) => exited(s.name, signal ?? code));
  }
}

// One line, so that the runtime's report of a failed node (its output's last lines) holds all of it.
main().catch((e: Error) => {
  process.stderr.write(`aplus: ${e.message.split('\n').join(' | ')}\n`);
  process.exit(1);
});
