// A node's wiring, its first steps: wait (60 s at most) for its interfaces
// (the runtime makes them, with their planned names, MTUs and MACs, once
// the container runs), then the planned addresses and routes.
import type { PlannedNetwork, PlannedNode } from '../plan/plan-types';
import type { Step } from '../node-setup/steps';

export const WAIT_INTERFACES_SECONDS = 60;

export function wireSteps(node: PlannedNode, networks: readonly PlannedNetwork[]): Step[] {
  const steps: Step[] = [{ waitInterfaces: node.interfaces.map((i) => i.ifname), seconds: WAIT_INTERFACES_SECONDS }];
  for (const itf of node.interfaces) {
    const net = networks.find((n) => n.key === itf.network);
    const address = itf.ipv6 ?? itf.ipv4;
    if (!net || !address) throw new Error(`node ${node.name}: no network or address for ${itf.network}`);
    const len = net.subnet.split('/')[1];
    steps.push({ run: ['ip', 'link', 'set', 'dev', itf.ifname, 'up'] });
    // IPv6 networks get only their IPv6 address: the core is IPv6-only.
    if (net.family === 6 && itf.ipv6) steps.push({ run: ['ip', '-6', 'addr', 'add', `${itf.ipv6}/${len}`, 'dev', itf.ifname, 'nodad'] });
    if (net.family === 4 && itf.ipv4) steps.push({ run: ['ip', '-4', 'addr', 'add', `${itf.ipv4}/${len}`, 'dev', itf.ifname] });
  }
  for (const r of node.routes) steps.push({ run: ['ip', `-${r.family}`, 'route', 'replace', r.to, 'via', r.via] });
  return steps;
}
