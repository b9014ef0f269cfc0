// /opt/aplus/node-setup.mjs, the first thing every node runs: runs the
// steps in SETUP_ENV, writes the daemons to supervise (name and pid) to
// SUPERVISED_FILE, prints WIRED_MARK (the runtime waits for it) and exits,
// leaving its daemons running: the node's Cmd watches them from then on
// (sim/kinds/node-start.ts), so that no Node process stays in a node only
// to wait (14 MB each, 2.8 GB over campus-100's 202 nodes). A failed step
// fails the node, saying which on stderr.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SUPERVISED_FILE } from '../kinds/paths';
import { runSteps } from './run-steps';
import { decodeSteps, SETUP_ENV, WIRED_MARK } from './steps';

async function main(): Promise<void> {
  const encoded = process.env[SETUP_ENV];
  if (encoded === undefined) throw new Error(`no ${SETUP_ENV} in the environment`);
  // The node's programs need not carry the document.
  delete process.env[SETUP_ENV];
  const started = await runSteps(decodeSteps(encoded));
  const supervised = started.filter((s) => s.supervise);
  const gone = supervised.find((s) => s.child.exitCode !== null || s.child.signalCode !== null);
  if (gone) throw new Error(`${gone.name} exited with ${gone.child.signalCode ?? gone.child.exitCode} once ready`);
  mkdirSync(dirname(SUPERVISED_FILE), { recursive: true });
  writeFileSync(SUPERVISED_FILE, supervised.map((s) => `${s.name} ${s.child.pid}\n`).join(''));
  // Writes to a pipe are synchronous on Linux: the mark is out before the exit.
  process.stdout.write(`${WIRED_MARK}\n`);
  process.exit(0);
}

// One line, so that the runtime's report of a failed node (its output's last lines) holds all of it.
main().catch((e: Error) => {
  process.stderr.write(`aplus: ${e.message.split('\n').join(' | ')}\n`);
  process.exit(1);
});
