// The scale figures in one run (issue: 100 clients on one machine): bring-up
// and tear-down of 10, 50 and 100 SMAPs next to the plain docker loop, and
// memory per node (bench/bringup.ts); then the campus scenario with the
// PRR's CPU and packets per second next to the same PRR idle (bench/campus.ts).
// Usage: node --import tsx bench/scale.ts
import { spawnSync } from 'node:child_process';

for (const [script, args] of [['bench/bringup.ts', ['10', '50', '100']], ['bench/campus.ts', []]] as const) {
  console.log(`\n== ${script} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
