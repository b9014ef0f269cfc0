// A client takes its configuration from its SMAP's DHCP server with a real
// DHCP client (address, router, DNS, and the MTU when option 26 is sent).
import { makeDirs, type Step } from '../node-setup/steps';
import type { NodeKind } from './node-kind';
import { CLIENT_FILES, LOG_DIR, RUN_DIR } from './paths';

function setup(): Step[] {
  return [
    makeDirs(RUN_DIR, LOG_DIR),
    { run: ['ip', '-4', 'route', 'flush', 'dev', 'lan'] },
    { run: ['ip', '-4', 'addr', 'flush', 'dev', 'lan'] },
    // One try (up to 60 s, while the SMAP's server may still be starting); dhclient-script applies option 26.
    { run: ['dhclient', '-1', '-v', '-pf', CLIENT_FILES.dhclientPid, '-lf', CLIENT_FILES.dhclientLeases, 'lan'], log: CLIENT_FILES.dhclientLog },
  ];
}

export const clientKind: NodeKind = {
  role: 'client',
  image: {
    programs: { 'generator.mjs': 'sim/traffic/generator/generator-main.ts', 'probe.mjs': 'sim/probes/probe-main.ts' },
    addons: ['probeio.node'],
  },
  // Docker's default: at 256, campus-100's generators waited up to 8 s for a
  // CPU (their schedstat) while the machine was mostly idle, started their
  // flows seconds late and timed connections out on their own account.
  cpuWeight: 1024,
  routing: false,
  sysctls: () => ({}),
  setup,
  files: { leases: CLIENT_FILES.dhclientLeases, dhcpLog: CLIENT_FILES.dhclientLog },
};
