// A node's steps as the bash its container runs: each step rendered by one
// rule, every word quoted, so that what a node does is still said as typed
// steps (sim/kinds) while the node starts no program of its own to do it (a
// Node process to run them cost every node 0.1-0.2 CPU-s on two cores). A
// failed step ends the node, naming it: `aplus: step 9 of 17 (ip route add
// ...) failed: exit 2: RTNETLINK answers: File exists`. Once all have run it
// prints WIRED_MARK, then lives as long as each supervised daemon (the first
// to end fails it, named), or idles.
import { nftArgv } from './nft-document';
import { describeStep, WIRED_MARK, type Step } from './steps';

/** A word for the shell, single-quoted. */
export const shellWord = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const argv = (words: readonly string[]) => words.map(shellWord).join(' ');

/** Where a step without a log keeps its stderr for the error; a daemonizing program's children never hold it open for us. */
const STEP_ERR = '/tmp/aplus-step.err';

/** Tenths of a second in `seconds`, at least one. */
const tenths = (seconds: number) => Math.max(1, Math.round(seconds * 10));

/** The script's helpers: `fail N WHAT WHY` ends the node; `tail_of FILE` is a file's last lines. */
const PRELUDE = [
  'set -u',
  'fail() { printf \'aplus: step %s (%s) failed: %s\\n\' "$1" "$2" "$3" | tr -s \'\\n\' \' \' >&2; echo >&2; exit 1; }',
  'tail_of() { tail -n 5 "$1" 2>/dev/null | sed \'s/$/ |/\' | tr -d \'\\n\'; }',
  'declare -A supervised=()',
];

export function renderSteps(steps: readonly Step[]): string {
  const lines = [...PRELUDE];
  steps.forEach((step, i) => {
    const n = shellWord(`${i + 1} of ${steps.length}`);
    const what = shellWord(describeStep(step));
    lines.push(...renderStep(step, n, what));
  });
  lines.push(`echo ${shellWord(WIRED_MARK)}`);
  // The watch: the daemons are this shell's own jobs, so it waits on them; the first to end fails the node.
  lines.push(
    '[ ${#supervised[@]} -gt 0 ] || exec sleep infinity',
    'wait -n -p ended "${!supervised[@]}"; rc=$?',
    'echo "${supervised[$ended]} exited with $rc" >&2',
    'exit 1',
  );
  return lines.join('\n') + '\n';
}

function renderStep(step: Step, n: string, what: string): string[] {
  if ('run' in step) return runLines(step.run, step.input, step.log, n, what);
  if ('nft' in step) return runLines(nftArgv(step.nft), undefined, undefined, n, what);
  if ('write' in step) {
    return [`mkdir -p ${shellWord(dirOf(step.write))} && printf '%s' ${shellWord(step.text)} > ${shellWord(step.write)} || fail ${n} ${what} "cannot write"`];
  }
  if ('waitInterfaces' in step) {
    const present = step.waitInterfaces.map((i) => `[ -e ${shellWord(`/sys/class/net/${i}`)} ]`).join(' && ') || 'true';
    const missing = step.waitInterfaces.map((i) => `[ -e ${shellWord(`/sys/class/net/${i}`)} ] || m="$m ${i}"`).join('; ');
    return [
      `i=0; until ${present}; do i=$((i + 1)); if [ $i -gt ${tenths(step.seconds)} ]; then m=; ${missing || ':'}; fail ${n} ${what} "interfaces$m not there after ${step.seconds} s"; fi; sleep 0.1; done`,
    ];
  }
  if ('daemon' in step) {
    const log = shellWord(step.log);
    const name = shellWord(step.daemon);
    return [
      `mkdir -p ${shellWord(dirOf(step.log))}`,
      `${argv(step.argv)} > ${log} 2>&1 &`,
      'pid=$!',
      `i=0; until grep -qF ${shellWord(step.ready)} ${log} 2>/dev/null; do`,
      `  kill -0 $pid 2>/dev/null || { wait $pid; fail ${n} ${what} "${step.daemon} died (exit $?): $(tail_of ${log})"; }`,
      `  i=$((i + 1)); [ $i -le ${tenths(step.seconds)} ] || { kill $pid; fail ${n} ${what} "${step.daemon} not ready after ${step.seconds} s: $(tail_of ${log})"; }`,
      '  sleep 0.1',
      'done',
      ...(step.supervise ? [`supervised[$pid]=${name}`] : []),
    ];
  }
  const re = shellWord(listenPattern(step.waitListening));
  return [
    `i=0; until grep -qE ${re} /proc/net/tcp /proc/net/tcp6 2>/dev/null; do i=$((i + 1)); [ $i -le ${tenths(step.seconds)} ] || fail ${n} ${what} "nothing listens on TCP port ${step.waitListening} after ${step.seconds} s: $(tail_of ${shellWord(step.log)})"; sleep 0.1; done`,
  ];
}

const dirOf = (path: string) => path.slice(0, Math.max(1, path.lastIndexOf('/')));

/** An argv to its end: its stdin the input (or nothing), its output to the log (or its stderr kept for the error). */
function runLines(words: readonly string[], input: string | undefined, log: string | undefined, n: string, what: string): string[] {
  // The input exactly as given (a here-string would add a newline).
  const cmd = input === undefined ? `${argv(words)} < /dev/null` : `printf '%s' ${shellWord(input)} | ${argv(words)}`;
  if (log) {
    const l = shellWord(log);
    return [`mkdir -p ${shellWord(dirOf(log))}`, `${cmd} > ${l} 2>&1 || fail ${n} ${what} "exit $?, ${log}: $(tail_of ${l})"`];
  }
  return [`${cmd} > /dev/null 2> ${STEP_ERR} || fail ${n} ${what} "exit $?: $(cat ${STEP_ERR})"`];
}

/** A line of /proc/net/tcp or tcp6 for a socket that listens (state 0A) on `port` (its local port, in hex), as grep -E reads it. */
export function listenPattern(port: number): string {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return `^ *[0-9]+: [0-9A-F]+:${hexPort} [0-9A-F]+:[0-9A-F]+ 0A `;
}
