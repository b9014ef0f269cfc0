// The campus scenario (100 SMAPs, one host each, the campus mix) as a
// measurement: while it runs, the PRR's CPU (its cgroup's cpuacct) and
// packets per second (its counters), next to the same PRR idle before the
// traffic (the baseline, same run); memory per kind of node at the peak of
// the traffic and in total; the host's own peak memory; and the verdicts.
// Usage: node --import tsx bench/campus.ts [SCENARIO]   (default scenarios/campus-100.yaml)
import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { COUNTERS_FILE } from '../sim/aplus/daemon/counters-file';
import { loadScenario } from '../sim/plan/index';
import { silent, type AplusEvent } from '../sim/report/events';
import { execIn, requireDocker } from '../sim/runtime/index';
import { runScenario } from '../sim/scenario/run-scenario';

const file = process.argv[2] ?? 'scenarios/campus-100.yaml';
const read = (f: string) => Number(readFileSync(f, 'utf8'));
const cpuNs = (id: string) => read(`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`);
const memMb = (id: string) => read(`/sys/fs/cgroup/memory/docker/${id}/memory.usage_in_bytes`) / 2 ** 20;
const hostUsedMb = () => {
  const m = Object.fromEntries(readFileSync('/proc/meminfo', 'utf8').split('\n').map((l) => l.split(/:\s+/)).map(([k, v]) => [k, parseInt(v ?? '0', 10)]));
  return ((m.MemTotal ?? 0) - (m.MemAvailable ?? 0)) / 1024;
};

interface Sample { t: number; cpu: number; packets: number }

async function prrOf(d: Docker, run: string): Promise<{ id: string; role: Map<string, string> }> {
  const cs = await d.listContainers({ filters: { label: [`aplus.run=${run}`] } });
  const prr = cs.find((c) => c.Labels['aplus.role'] === 'prr');
  if (!prr) throw new Error(`no PRR in ${run}`);
  return { id: prr.Id, role: new Map(cs.map((c) => [c.Id, c.Labels['aplus.role'] ?? '?'])) };
}

async function main(): Promise<void> {
  const d = await requireDocker();
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
    const { id, role } = await prrOf(d, runId);
    // Idle baseline: 5 s of the PRR with no traffic yet (generators start right after up).
    const i0 = cpuNs(id);
    const it = Date.now();
    while (!trafficAt && Date.now() - it < 5000) await new Promise((r) => setTimeout(r, 100));
    idle = { cpuPct: ((cpuNs(id) - i0) / 1e6 / Math.max(1, Date.now() - it)) * 100 };
    for (;;) {
      const r = await execIn(d, id, ['cat', COUNTERS_FILE]).catch(() => undefined);
      if (!r || r.exitCode !== 0) break;
      let pk = 0;
      try {
        const c = JSON.parse(r.stdout) as { upstream: { packets: number }; downstream: { packets: number } };
        pk = c.upstream.packets + c.downstream.packets;
      } catch { break; }
      let cpu: number;
      try { cpu = cpuNs(id); } catch { break; }
      samples.push({ t: Date.now(), cpu, packets: pk });
      peakHost = Math.max(peakHost, hostUsedMb());
      const mem = new Map<string, number[]>();
      let total = 0;
      for (const [cid, r] of role) {
        try {
          const mb = memMb(cid);
          total += mb;
          mem.set(r, [...(mem.get(r) ?? []), mb]);
        } catch { /* gone */ }
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
