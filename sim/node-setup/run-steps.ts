// Runs a node's steps, each argv by execFile (no shell). A step that fails
// throws a StepError naming it and saying why, with the tail of its log.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { listensOn } from './listening';
import { nftArgv } from './nft-document';
import { describeStep, type Step } from './steps';

export class StepError extends Error {
  override readonly name = 'StepError';
}

/** A daemon a step started, for the node to supervise. */
export interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  readonly supervise: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const POLL_MS = 100;

/** The last lines of a file, or nothing when it cannot be read. */
export function tailOf(path: string, lines = 5): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Runs an argv to its end; its output goes to `log` when given, else its
 * stderr is kept for the error. Done at its exit, not when its output
 * closes: a program that daemonizes (dnsmasq, dhclient, iperf3) leaves a
 * child holding it open.
 */
function runArgv(argv: readonly string[], input: string | undefined, log: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    if (!file) return reject(new Error('an empty argv'));
    let fd: number | undefined;
    if (log) {
      mkdirSync(dirname(log), { recursive: true });
      fd = openSync(log, 'w');
    }
    const child = spawn(file, args, { stdio: [input === undefined ? 'ignore' : 'pipe', fd ?? 'ignore', fd ?? 'pipe'] });
    if (fd !== undefined) closeSync(fd);
    // A program may exit without reading all of its input; its exit code says how it went.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve();
      const how = signal ?? `exit ${code}`;
      // What it wrote just before exiting may still be on its way.
      setTimeout(() => reject(new Error(log ? `${how}, ${log}:\n${tailOf(log)}` : `${how}: ${stderr.trim()}`)), 20);
    });
  });
}

async function waitFor(seconds: number, ok: () => boolean, failNow: () => string | undefined, late: () => string): Promise<void> {
  for (let i = 0; ; i++) {
    if (ok()) return;
    const failed = failNow();
    if (failed) throw new Error(failed);
    if (i * POLL_MS >= seconds * 1000) throw new Error(late());
    await sleep(POLL_MS);
  }
}

function startDaemon(step: Extract<Step, { daemon: string }>): Promise<Started> {
  mkdirSync(dirname(step.log), { recursive: true });
  const fd = openSync(step.log, 'w');
  const [file, ...args] = step.argv;
  const child = spawn(file!, args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = signal ?? `exit ${code}`));
  child.on('error', (e) => (exited = e.message));
  const logged = () => { try { return readFileSync(step.log, 'utf8').includes(step.ready); } catch { return false; } };
  return waitFor(
    step.seconds,
    logged,
    () => (exited === undefined ? undefined : `${step.daemon} died (${exited}):\n${tailOf(step.log)}`),
    () => `${step.daemon} not ready after ${step.seconds} s:\n${tailOf(step.log)}`,
  ).then(
    () => ({ name: step.daemon, child, supervise: step.supervise }),
    (e: Error) => { child.kill(); throw e; },
  );
}

/** Runs one step; a daemon step gives the daemon it started. */
export async function runStep(step: Step): Promise<Started | undefined> {
  if ('run' in step) await runArgv(step.run, step.input, step.log);
  else if ('nft' in step) await runArgv(nftArgv(step.nft), undefined, undefined);
  else if ('write' in step) {
    mkdirSync(dirname(step.write), { recursive: true });
    writeFileSync(step.write, step.text);
  } else if ('waitInterfaces' in step) {
    const missing = () => step.waitInterfaces.filter((n) => !existsSync(`/sys/class/net/${n}`));
    await waitFor(step.seconds, () => missing().length === 0, () => undefined, () => `interfaces ${missing().join(' ')} not there after ${step.seconds} s`);
  } else if ('daemon' in step) return startDaemon(step);
  else {
    const read = (f: string) => { try { return readFileSync(f, 'utf8'); } catch { return ''; } };
    await waitFor(step.seconds, () => listensOn(read('/proc/net/tcp') + read('/proc/net/tcp6'), step.waitListening), () => undefined,
      () => `nothing listens on TCP port ${step.waitListening} after ${step.seconds} s:\n${tailOf(step.log)}`);
  }
  return undefined;
}

/** Runs the steps in order; the first that fails stops the rest. */
export async function runSteps(steps: readonly Step[]): Promise<Started[]> {
  const started: Started[] = [];
  for (const [i, step] of steps.entries()) {
    try {
      const d = await runStep(step);
      if (d) started.push(d);
    } catch (e) {
      for (const s of started) s.child.kill();
      throw new StepError(`step ${i + 1} of ${steps.length} (${describeStep(step)}) failed: ${(e as Error).message}`, { cause: e });
    }
  }
  return started;
}
