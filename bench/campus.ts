// The campus scenario (100 SMAPs, one host each, the campus mix) as a
// measurement: while it runs, the PRR's CPU (its cgroup's cpuacct) and
// packets per second (its counters), next to the same PRR idle before the
// traffic (the baseline, same run); memory per kind of node at the peak of
// the traffic and in total; the host's own peak memory; and the verdicts.
// Usage: node --import tsx bench/campus.ts [SCENARIO]   (default scenarios/campus-100.yaml)
import { readFileSync } from 'node:fs';
import { COUNTERS_FILE } from '../sim/aplus/daemon/counters-file';
import { loadScenario } from '../sim/plan/index';
import { silent, type AplusEvent } from '../sim/report/events';
import { kindsRuntime } from '../sim/kinds/index';
import type { RunHandle } from '../sim/runtime/index';
import { runScenario } from '../sim/scenario/run-scenario';

const file = process.argv[2] ?? 'scenarios/campus-100.yaml';
const hostUsedMb = () => {
  const m = Object.fromEntries(readFileSync('/proc/meminfo', 'utf8').split('\n').map((l) => l.split(/:\s+/)).map(([k, v]) => [k, parseInt(v ?? '0', 10)]));
  return ((m.MemTotal ?? 0) - (m.MemAvailable ?? 0)) / 1024;
};

interface Sample { t: number; cpu: number; packets: number }

/** The PRR's CPU time so far, in ns; throws where the kernel does not say. */
async function cpuNs(run: RunHandle, prr: string): Promise<number> {
  const ns = (await run.usage(prr)).cpuNanoseconds;
  if (ns === undefined) throw new Error(`no CPU time for ${prr}`);
  return ns;
}

async function main(): Promise<void> {
  const runtime = await kindsRuntime();
  const scenario = loadScenario(file);
  let runId: string | undefined;
  let trafficAt: number | undefined;
  const emit = (e: AplusEvent) => {
    if (e.kind === 'up-done') runId = e.run;
    if (e.kind === 'traffic-started') trafficAt = Date.now();
  };
  const samples: Sample[] = [];
  let idle: { cpuPct: number } | undefined;
  let peakHost = hostUsedMb();
  let peakMem: Map<string, number[]> | undefined;
  let peakTotal = 0;
  const t0 = Date.now();
  const running = runScenario(scenario, { emit, evidenceDir: 'aplus-evidence' });
  const sampler = (async () => {
    while (!runId) await new Promise((r) => setTimeout(r, 200));
    const run = await runtime.attach(runId);
    const prr = [...run.nodes.values()].find((n) => n.role === 'prr')?.name;
    if (!prr) throw new Error(`no PRR in ${runId}`);
    // Idle baseline: 5 s of the PRR with no traffic yet (generators start right after up).
    const i0 = await cpuNs(run, prr);
    const it = Date.now();
    while (!trafficAt && Date.now() - it < 5000) await new Promise((r) => setTimeout(r, 100));
    idle = { cpuPct: ((await cpuNs(run, prr) - i0) / 1e6 / Math.max(1, Date.now() - it)) * 100 };
    for (;;) {
      const r = await run.exec(prr, ['cat', COUNTERS_FILE]).catch(() => undefined);
      if (!r || r.exitCode !== 0) break;
      let pk = 0;
      try {
        const c = JSON.parse(r.stdout) as { upstream: { packets: number }; downstream: { packets: number } };
        pk = c.upstream.packets + c.downstream.packets;
      } catch { break; }
      let cpu: number;
      try { cpu = await cpuNs(run, prr); } catch { break; }
      samples.push({ t: Date.now(), cpu, packets: pk });
      peakHost = Math.max(peakHost, hostUsedMb());
      const mem = new Map<string, number[]>();
      let total = 0;
      for (const n of run.nodes.values()) {
        const bytes = (await run.usage(n.name).catch(() => undefined))?.memoryBytes;
        if (bytes === undefined) continue; // gone
        total += bytes / 2 ** 20;
        mem.set(n.role, [...(mem.get(n.role) ?? []), bytes / 2 ** 20]);
      }
      if (total > peakTotal) [peakTotal, peakMem] = [total, mem];
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const result = await running;
  await sampler.catch(() => undefined);

  const rates = samples.slice(1).map((s, i) => {
    const p = samples[i]!;
    const dt = (s.t - p.t) / 1000;
    return { cpuPct: ((s.cpu - p.cpu) / 1e9 / dt) * 100, pps: (s.packets - p.packets) / dt };
  }).filter((r) => r.pps > 0);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const flows = result.measured.flows;
  console.log(`campus: ${scenario.plan.nodes.length} nodes, ${result.pass ? 'pass' : 'FAIL'}; run ${((Date.now() - t0) / 1000).toFixed(1)} s (traffic ${result.trafficSeconds.toFixed(0)} s, overhead ${result.overheadSeconds.toFixed(1)} s)`);
  for (const v of result.verdicts) console.log(`  ${v.pass ? 'pass' : 'FAIL'} ${v.message}`);
  console.log(`  ${flows.length} flows, ${flows.filter((f) => f.ok).length} delivered`);
  console.log('PRR during the traffic        avg      peak     (baseline: the same PRR idle before the traffic)');
  console.log(`  CPU, % of one core       ${avg(rates.map((r) => r.cpuPct)).toFixed(1).padStart(6)}  ${Math.max(0, ...rates.map((r) => r.cpuPct)).toFixed(1).padStart(8)}     idle ${idle?.cpuPct.toFixed(1) ?? '?'}`);
  console.log(`  packets per second       ${avg(rates.map((r) => r.pps)).toFixed(0).padStart(6)}  ${Math.max(0, ...rates.map((r) => r.pps)).toFixed(0).padStart(8)}     idle 0`);
  console.log(`memory at the traffic's peak: ${peakTotal.toFixed(0)} MB in containers; host used at most ${peakHost.toFixed(0)} MB`);
  for (const [r, v] of peakMem ?? []) console.log(`  ${r.padEnd(7)} ${v.length} nodes, ${avg(v).toFixed(1)} MB each on average, ${Math.max(...v).toFixed(1)} MB at most`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
