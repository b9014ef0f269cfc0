// The golden rig's network: four namespaces, as the Docker topology has the
// nodes, without Docker. `core` holds a bridge, the IPv6 link between the
// PRR and the two SMAPs (rooms 1 and 2 of prr.conf), and is where the rig
// puts frames on that link. `prr` and `smap1`/`smap2` are set up as
// sim/kinds/prr.ts and smap.ts set up their containers: the TUN
// devices (IPv4 only), the routes, the PRR's fragment rule. The Internet is
// a blackhole route in the PRR's namespace: what the PRR forwards there is
// dropped without a sound. Documentation addresses only; nothing leaves the
// namespaces, and down() (or the process's exit) deletes them all.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ipv4ToText, ipv6ToText } from '../../../sim/aplus/codec';
import { prrFragmentTable } from '../../../sim/kinds/prr';
import { nftArgv, type NftDocument } from '../../../sim/node-setup/nft-document';
import { GOLDEN_CONFIG } from '../run-case';
import { systemCommand } from './system-command';

const execFileAsync = promisify(execFile);
const IP = systemCommand('ip');
const run = (argv: readonly string[]) => execFileAsync(IP, argv);
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export const RIG_NS = ['core', 'prr', 'smap1', 'smap2'] as const;
export type RigNs = (typeof RIG_NS)[number];

/** The links' names: the PRR's end is `core`, a SMAP's `wan`, as in the containers; the bridge ports in `core` are `to-<ns>`. */
export const LINK = { prr: 'core', smap: 'wan', prrTun: 'prr0', smapTun: 'tnl0' } as const;

export interface GoldenRig extends AsyncDisposable {
  /** The namespaces' names: aplus-golden-<pid>-<ns>. */
  readonly ns: Readonly<Record<RigNs, string>>;
  /** A directory for counters files and captures, removed by down(). */
  readonly dir: string;
  /** Runs argv in a namespace; rejects on a non-zero exit. */
  exec(ns: RigNs, argv: readonly string[], input?: string): Promise<string>;
  /** Starts a long-running argv in a namespace (cwd: the repository); killed by down(). */
  spawn(ns: RigNs, argv: readonly string[]): ChildProcess;
  /** The MAC address of a link. */
  mac(ns: RigNs, ifname: string): Promise<Uint8Array>;
  /** Kills what spawn() started, deletes the namespaces and the directory; idempotent. */
  down(): Promise<void>;
}

/** The /64 an address is in, as text: the rig's links are on-link routes to them. */
export function prefix64(addr: Uint8Array): string {
  return `${ipv6ToText(Uint8Array.from([...addr.subarray(0, 8), 0, 0, 0, 0, 0, 0, 0, 0]))}/64`;
}

/** No IPv4 leaves a node's own stack: its ICMP errors and resets would come back through the daemons as packets no case sent. */
const QUIET = 'table ip aplus_golden_rig {\n  chain out {\n    type filter hook output priority 0; policy drop;\n  }\n}\n';

export async function startGoldenRig(tag = `aplus-golden-${process.pid}`): Promise<GoldenRig> {
  const ns = Object.fromEntries(RIG_NS.map((n) => [n, `${tag}-${n}`])) as Record<RigNs, string>;
  const dir = mkdtempSync(join(tmpdir(), `${tag}-`));
  const children = new Set<ChildProcess>();
  let gone = false;
  const deleteAll = () => {
    for (const c of children) c.kill('SIGKILL');
    for (const name of Object.values(ns)) {
      try {
        execFileSync(IP, ['netns', 'del', name], { stdio: 'ignore' });
      } catch { /* not there */ }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test that dies without its teardown still takes its namespaces with it.
  process.once('exit', deleteAll);
  const rig: GoldenRig = {
    ns,
    dir,
    async exec(n, argv, input) {
      const child = execFile(IP, ['netns', 'exec', ns[n], ...argv], { cwd: REPO });
      if (input !== undefined) child.stdin?.end(input);
      const out: string[] = [];
      child.stdout?.on('data', (b: Buffer) => out.push(b.toString()));
      let err = '';
      child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      if (code !== 0) throw new Error(`${ns[n]}: ${argv.join(' ')} exited ${code}: ${err.trim()}`);
      return out.join('');
    },
    spawn(n, argv) {
      const c = spawn(IP, ['netns', 'exec', ns[n], ...argv], { cwd: REPO, stdio: 'pipe' });
      children.add(c);
      c.on('exit', () => children.delete(c));
      return c;
    },
    async mac(n, ifname) {
      const [link] = JSON.parse((await run(['-n', ns[n], '-j', 'link', 'show', 'dev', ifname])).stdout) as { address: string }[];
      return Uint8Array.from(link!.address.split(':').map((h) => parseInt(h, 16)));
    },
    async down() {
      if (gone) return;
      gone = true;
      process.removeListener('exit', deleteAll);
      deleteAll();
    },
    [Symbol.asyncDispose]: () => rig.down(),
  };
  try {
    await wire(rig);
  } catch (error) {
    await rig.down();
    throw error;
  }
  return rig;
}

async function wire(rig: GoldenRig): Promise<void> {
  const { ns } = rig;
  const ip = (n: RigNs, ...args: string[]) => run(['-n', ns[n], ...args]);
  const sysctl = (n: RigNs, ...settings: string[]) => rig.exec(n, [systemCommand('sysctl'), '-q', ...settings.flatMap((s) => ['-w', s])]);
  const nft = (n: RigNs, rules: string) => rig.exec(n, [systemCommand('nft'), '-f', '-'], rules);
  // The PRR's fragment table as its kind loads it: nftables JSON.
  const nftJson = (n: RigNs, doc: NftDocument) => rig.exec(n, [systemCommand('nft'), ...nftArgv(doc).slice(1)]);
  for (const n of RIG_NS) await run(['netns', 'add', ns[n]]);
  await ip('core', 'link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0');
  await ip('core', 'link', 'set', 'br0', 'up');
  const cfg = GOLDEN_CONFIG;
  const nodes: Array<{ n: Exclude<RigNs, 'core'>; link: string; v6: string }> = [
    { n: 'prr', link: LINK.prr, v6: ipv6ToText(cfg.prrAddrV6) },
    { n: 'smap1', link: LINK.smap, v6: ipv6ToText(cfg.cpes[0]!.addrV6) },
    { n: 'smap2', link: LINK.smap, v6: ipv6ToText(cfg.cpes[1]!.addrV6) },
  ];
  for (const { n, link, v6 } of nodes) {
    await ip('core', 'link', 'add', `to-${n}`, 'type', 'veth', 'peer', 'name', link, 'netns', ns[n]);
    await ip('core', 'link', 'set', `to-${n}`, 'master', 'br0', 'up');
    await ip(n, 'link', 'set', 'lo', 'up');
    await ip(n, 'addr', 'add', `${v6}/64`, 'dev', link, 'nodad');
    await ip(n, 'link', 'set', link, 'up');
    // The PRR and the SMAPs are in different /64s, joined by a router in the
    // Docker topology: on the bridge, each reaches the other's on-link.
    const far = n === 'prr' ? cfg.cpes[0]!.addrV6 : cfg.prrAddrV6;
    await ip(n, '-6', 'route', 'add', prefix64(far), 'dev', link);
    // The kernel's automatic flow labels are a hash of the flow: off, so that the IPv6 header is the golden one.
    await sysctl(n, 'net.ipv6.auto_flowlabels=0');
    await nft(n, QUIET);
  }
  // A TUN device made beforehand, as the roles do; IPv4 only: the kernel sends no IPv6 into it.
  const tun = async (n: RigNs, name: string, mtu?: number) => {
    await ip(n, 'tuntap', 'add', 'dev', name, 'mode', 'tun');
    await sysctl(n, `net.ipv6.conf.${name}.disable_ipv6=1`);
    await ip(n, 'link', 'set', 'dev', name, ...(mtu ? ['mtu', String(mtu)] : []), 'up');
  };
  const shared = ipv4ToText(cfg.shared);
  const prr4 = ipv4ToText(cfg.prrAddrV4);
  await tun('prr', LINK.prrTun);
  for (const a of [cfg.shared, ...cfg.moreShared]) await ip('prr', 'route', 'add', `${ipv4ToText(a)}/32`, 'dev', LINK.prrTun);
  // The rooms past the two with namespaces (the PSID cases' rooms 3 and 4) are
  // only ever sent to: a neighbour entry each, so that the PRR's packets leave.
  for (const [i, c] of cfg.cpes.slice(2).entries()) {
    await ip('prr', '-6', 'neigh', 'add', ipv6ToText(c.addrV6), 'lladdr', `02:00:00:00:01:${(i + 3).toString(16).padStart(2, '0')}`, 'dev', LINK.prr, 'nud', 'permanent');
  }
  await ip('prr', 'addr', 'add', `${prr4}/32`, 'dev', 'lo');
  await ip('prr', 'route', 'add', 'blackhole', '198.18.0.0/15');
  await sysctl('prr', 'net.ipv4.ip_forward=1');
  await nftJson('prr', prrFragmentTable(ipv6ToText(cfg.prrAddrV6), 'drop'));
  for (const [i, n] of (['smap1', 'smap2'] as const).entries()) {
    await tun(n, LINK.smapTun, cfg.cpes[i]!.mtu);
    await ip(n, 'addr', 'add', `${shared}/32`, 'dev', LINK.smapTun);
    await ip(n, 'route', 'add', `${prr4}/32`, 'dev', LINK.smapTun);
  }
}
