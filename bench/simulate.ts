// aplus simulate at scale (issue 16: 10^6 users of the campus mix in 10 s
// and 1 GiB on this machine): the campus mix for 10^4 users, the baseline
// from the same run, and for 10^6, each in its own process so that each has
// its own peak RSS; the ratio of their times shows how the cost grows.
// Usage: node --import tsx bench/simulate.ts [SPEC]   (default simulations/campus-mix.yaml)
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadSimulation, runSimulation } from '../sim/simulate/index';

const SIZES = [10_000, 1_000_000] as const;

interface Figures { users: number; seconds: number; processSeconds: number; rssMiB: number; need99: number }

/** One population in this process: the simulation's own time, and the process's peak RSS (workers are threads of it). */
async function one(file: string, users: number): Promise<void> {
  const s = loadSimulation(file);
  const t = performance.now();
  const r = await runSimulation({ ...s, population: { ...s.population, users, entries: resized(s.population, users) } });
  const seconds = (performance.now() - t) / 1000;
  process.stdout.write(JSON.stringify({ seconds, rssMiB: process.resourceUsage().maxRSS / 1024, need99: r.targets[0]!.size }) + '\n');
}

/** The spec's mix over another number of users. */
function resized(pop: ReturnType<typeof loadSimulation>['population'], users: number) {
  let first = 0;
  return pop.entries.map((e, k) => {
    const end = k === pop.entries.length - 1 ? users : Math.floor((users * (e.first + e.users)) / pop.users);
    const out = { ...e, first, users: end - first };
    first = end;
    return out;
  });
}

async function main(): Promise<void> {
  const [flag, users, spec] = process.argv.slice(2);
  if (flag === '--one') return one(spec!, Number(users));
  const file = flag ?? 'simulations/campus-mix.yaml';
  console.log(`${file} on ${availableParallelism()} cores, one process per population`);
  const out: Figures[] = [];
  for (const n of SIZES) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', String(n), file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${n} users: exit ${r.status}: ${r.stderr}`);
    const f = JSON.parse(r.stdout) as Omit<Figures, 'users' | 'processSeconds'>;
    out.push({ users: n, processSeconds: (performance.now() - t) / 1000, ...f });
    const last = out[out.length - 1]!;
    console.log(`${n.toLocaleString('en').padStart(9)} users: ${last.seconds.toFixed(2)} s simulating (${(last.seconds / n * 1e6).toFixed(1)} us a user), ` +
      `${last.processSeconds.toFixed(2)} s the whole process, peak RSS ${last.rssMiB.toFixed(0)} MiB; 99% of users need ${last.need99} ports`);
  }
  const [small, big] = out as [Figures, Figures];
  console.log(`ratio for ${big.users / small.users}x the users: time ${(big.seconds / small.seconds).toFixed(1)}x, peak RSS ${(big.rssMiB / small.rssMiB).toFixed(2)}x ` +
    `(target: 10^6 users in 10 s and 1024 MiB)`);
}

await main();
