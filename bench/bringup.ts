// Bring-up and tear-down of N SMAPs with one client each, next to a plain
// loop of docker commands making the same networks and containers on the
// same machine as Docker networks (as aplus did before its own fabric); then the same topology with the A+P system running (daemons,
// DHCP), with the memory each kind of node takes (its cgroup's usage) and, as
// the profile of that bring-up, the CPU time each kind used in its containers
// against the machine's CPU time busy and idle while it came up (/proc/stat).
// Usage: node --import tsx bench/bringup.ts [COUNT ...]   (default 100)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { kindsRuntime, nodeStart } from '../sim/kinds/index';
import { loadPlan } from '../sim/plan/index';
import { silent } from '../sim/report/events';

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
const topology = (n: number) => `name: bench-${n}
core: { prefix: "2001:db8:b::/64" }
internet: { prefix: 198.18.0.0/24 }
prr: { ipv6: "2001:db8:b::1", ipv4: 198.18.0.1, shared: 198.18.0.2 }
smaps:
  - { group: s, count: ${n}, portsPerSmap: ${Math.floor(60000 / n)}, firstPort: 2000, clientsPerSmap: 1 }
servers:
  - { name: web, ipv4: 198.18.0.80 }
`;

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

const fullRows: string[] = [];
const profileRows: string[] = [];

/** The machine's CPU time so far, busy and idle, in seconds (/proc/stat's first line, USER_HZ 100). */
function machineCpu(): { busy: number; idle: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
  return { busy: (user + nice + system + irq + softirq + steal) / 100, idle: (idle + iowait) / 100 };
}
/** The runs this bench made: on a failure it removes these, never another's. */
const made: string[] = [];

async function main(): Promise<void> {
  const runtime = await kindsRuntime();
  const images = await runtime.requireImages();
  console.log('smaps  containers  aplus-up-s  aplus-down-s  docker-run-loop-s  docker-rm-loop-s  up/loop');
  console.log('(the loop: docker network create, docker create, network connect and start, one after another, for the same networks and containers)');
  for (const n of counts.length ? counts : [100]) {
    const { plan } = loadPlan(`bench-${n}.yaml`, { text: topology(n) });
    const containers = plan.nodes.length;

    let t0 = process.hrtime.bigint();
    const run = await runtime.up(plan, { images, emit: silent, runId: `bench-${n}-${process.pid}-bare`, start: (node) => nodeStart(node, plan, { bare: true }) });
    made.push(run.runId);
    const upS = seconds(t0);
    t0 = process.hrtime.bigint();
    await runtime.down(run.runId, silent);
    const downS = seconds(t0);

    // The baseline: a shell loop of plain docker commands making the same
    // networks and containers (addresses, second networks), without wiring.
    const dk = (...args: string[]) => execFileSync('docker', args, { stdio: 'ignore' });
    const loopName = (x: string) => `aplus-bench-loop-${x}`;
    t0 = process.hrtime.bigint();
    // Docker 20.10 wants IPv4 on an IPv6 network too: a scratch /24 each.
    for (const [i, net] of plan.networks.entries()) {
      const v6 = net.family === 6 ? ['--ipv6', '--subnet', `100.127.${i}.0/24`, '--subnet', net.subnet, '--gateway', `100.127.${i}.254`, '--gateway', net.gateway] : ['--subnet', net.subnet, '--gateway', net.gateway];
      dk('network', 'create', '--internal', '--label', 'aplus.run=bench-loop', ...v6, loopName(net.key));
    }
    for (const node of plan.nodes) {
      const [first, ...rest] = node.interfaces;
      const ip = (i: typeof first) => (i!.ipv6 ? ['--ip6', i!.ipv6] : ['--ip', i!.ipv4!]);
      dk('create', '--name', loopName(node.name), '--label', 'aplus.run=bench-loop', '--cap-add', 'NET_ADMIN', '--network', loopName(first!.network), ...ip(first), images[node.role]);
      for (const itf of rest) dk('network', 'connect', ...(itf.ipv6 ? ['--ip6', itf.ipv6] : ['--ip', itf.ipv4!]), loopName(itf.network), loopName(node.name));
      dk('start', loopName(node.name));
    }
    const loopS = seconds(t0);
    t0 = process.hrtime.bigint();
    for (const node of plan.nodes) dk('rm', '-f', loopName(node.name));
    for (const net of plan.networks) dk('network', 'rm', loopName(net.key));
    const rmS = seconds(t0);

    // With the A+P system: what users get from aplus up.
    t0 = process.hrtime.bigint();
    const cpu0 = machineCpu();
    made.push(`bench-${n}-${process.pid}-full`);
    const full = await runtime.up(plan, { images, emit: silent, runId: made.at(-1)!, start: (node) => nodeStart(node, plan) });
    const fullUpS = seconds(t0);
    const cpu1 = machineCpu();
    const cpuByRole = new Map<string, number[]>();
    const memory = new Map<string, number[]>();
    for (const node of full.nodes.values()) {
      const use = await full.usage(node.name);
      if (use.cpuNanoseconds !== undefined) cpuByRole.set(node.role, [...(cpuByRole.get(node.role) ?? []), use.cpuNanoseconds / 1e9]);
      const bytes = use.memoryBytes;
      const mb = bytes === undefined ? undefined : bytes / 2 ** 20;
      if (mb !== undefined) memory.set(node.role, [...(memory.get(node.role) ?? []), mb]);
    }
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    profileRows.push(`${String(n).padStart(5)}  ${fullUpS.toFixed(1).padStart(6)}  ${(cpu1.busy - cpu0.busy).toFixed(1).padStart(9)}  ${(cpu1.idle - cpu0.idle).toFixed(1).padStart(9)}  ` +
      `${sum([...cpuByRole.values()].flat()).toFixed(1).padStart(12)}  ` +
      [...cpuByRole].map(([role, v]) => `${role} ${sum(v).toFixed(1)} (${(sum(v) / v.length).toFixed(3)} each)`).join(', '));
    t0 = process.hrtime.bigint();
    await full.down();
    const fullDownS = seconds(t0);
    fullRows.push(`${String(n).padStart(5)}  ${fullUpS.toFixed(1).padStart(10)}  ${fullDownS.toFixed(1).padStart(12)}  ` +
      [...memory].map(([role, v]) => `${role} ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(1)}`).join(', ') +
      `  (total ${[...memory.values()].flat().reduce((a, b) => a + b, 0).toFixed(0)} MB)`);

    console.log(
      [String(n).padStart(5), String(containers).padStart(10), upS.toFixed(1).padStart(10), downS.toFixed(1).padStart(12),
        loopS.toFixed(1).padStart(17), rmS.toFixed(1).padStart(16), (upS / loopS).toFixed(2).padStart(8)].join('  '),
    );
  }
}

main().then(() => {
  console.log('\nwith the A+P system running (daemons, DHCP):');
  console.log('smaps  aplus-up-s  aplus-down-s  memory per node by role, MB');
  for (const r of fullRows) console.log(r);
  console.log('\nwhere the CPU went while it came up (machine: all processes, other work included; nodes: their containers, setup and daemons):');
  console.log('smaps  up-s    busy-cpu-s  idle-cpu-s  in-nodes-cpu-s  by role, CPU-s');
  for (const r of profileRows) console.log(r);
}).catch(async (e) => {
  console.error(e);
  const runtime = await kindsRuntime();
  for (const run of [...made, 'bench-loop']) await runtime.down(run, silent).catch(() => undefined);
  process.exit(1);
});
