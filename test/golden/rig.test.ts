// The golden cases through the real daemons, as Snabb's lwAFTR end-to-end
// tests run theirs through the real program: network namespaces without
// Docker (rig/netns-rig.ts), the PRR and SMAP daemons started as the roles
// start them, their TUN devices and raw sockets. Each case's inputs go in as
// they are (a packet socket on the link or into the TUN), what the daemon
// sends is captured with tcpdump on its far side and compared with the
// case's hex, byte for byte, and the daemon's counters file must count what
// the case file says. Needs root; skipped, saying so, otherwise.
import test from 'ava';
import { isDeepStrictEqual } from 'node:util';
import { ipv6ToText } from '../../sim/aplus/codec';
import { setTimeout as delay } from 'node:timers/promises';
import { readGoldenCases, type GoldenCase, type GoldenPath } from './case-file';
import { countedSince, countedView, expectedView } from './counters-view';
import { startCapture, type Capture } from './rig/capture';
import { startDaemon, type RigDaemon } from './rig/daemon-process';
import { GOLDEN_CONFIG } from './run-case';
import { LINK, prefix64, startGoldenRig, type GoldenRig } from './rig/netns-rig';
import { ethernetIpv6, sendFrames } from './rig/packet-io';
import { systemCommand } from './rig/system-command';

type StageName = 'prr' | 'smap1' | 'smap2';
/** Where each path's outputs come out: the far side of the daemon from its inputs. */
type Point = 'tun-in' | 'link-out';
const OUTPUT: Record<GoldenPath, Point> = {
  'prr-upstream': 'tun-in',
  'prr-downstream': 'link-out',
  'prr-hairpin': 'link-out',
  'smap-upstream': 'link-out',
  'smap-downstream': 'tun-in',
};
const stageOf = (c: GoldenCase): StageName => (c.path.startsWith('prr') ? 'prr' : c.room === 2 ? 'smap2' : 'smap1');
/** A reply (ICMP from the PRR) goes back into the TUN, towards the Internet; the rest where the path sends it. */
const pointOf = (c: GoldenCase, verdict: string): Point => (verdict === 'reply' ? 'tun-in' : OUTPUT[c.path]);
/** The daemon a case needs: a PMTU case gets a PRR of its own, with a full token bucket. */
const daemonOf = (c: GoldenCase): string => (c.pmtud || c.icmp ? `prr ${c.pmtud ? 'pmtud' : 'icmp'} ${c.name}` : stageOf(c));

/** One daemon and the captures on both its sides. One stage at a time: another daemon would answer the first's packets. */
interface Stage {
  readonly name: StageName;
  readonly daemonKey: string;
  readonly daemon: RigDaemon;
  readonly captures: Record<Point, Capture>;
  stop(): Promise<void>;
}

async function startStage(rig: GoldenRig, name: StageName, c?: GoldenCase): Promise<Stage> {
  const prr = name === 'prr';
  const daemon = await startDaemon(rig, prr ? { role: 'prr', ...(c?.pmtud ? { pmtud: c.pmtud } : {}), ...(c?.icmp ? { icmp: c.icmp } : {}) } : { role: 'smap', room: name === 'smap1' ? 1 : 2 });
  // Only tunnel packets on the link (no neighbour discovery).
  const captures = {
    'tun-in': await startCapture(rig, name, prr ? LINK.prrTun : LINK.smapTun, 'in'),
    'link-out': await startCapture(rig, name, prr ? LINK.prr : LINK.smap, 'out', ['ip6', 'proto', '4']),
  };
  return {
    name,
    daemonKey: c ? daemonOf(c) : name,
    daemon,
    captures,
    async stop() {
      await daemon.stop();
      for (const c of Object.values(captures)) await c.stop();
    },
  };
}

const SENDER_MAC = Uint8Array.of(0x02, 0, 0, 0, 0, 0x01);

/** The case's inputs where its daemon reads them: a frame on its link for tunnel packets, the TUN for IPv4. */
async function inject(rig: GoldenRig, c: GoldenCase, stage: StageName): Promise<void> {
  const inputs = c.packets.map((p) => p.input);
  if (c.path === 'prr-downstream' || c.path === 'smap-upstream') {
    return sendFrames(rig.ns[stage], stage === 'prr' ? LINK.prrTun : LINK.smapTun, inputs, 'ip');
  }
  const mac = await rig.mac(stage, stage === 'prr' ? LINK.prr : LINK.smap);
  sendFrames(rig.ns.core, `to-${stage}`, inputs.map((p) => ethernetIpv6(mac, SENDER_MAC, p)), 'ethernet');
}

const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('hex') : '(none)');
const root = process.getuid?.() === 0;
const cases = readGoldenCases();

if (!root) {
  test.skip('the golden cases through the real daemons: skipped, not root (it makes network namespaces, TUN devices, raw and packet sockets)', () => {});
} else {
  let rig: GoldenRig | undefined;
  let stage: Stage | undefined;
  test.before(async () => {
    rig = await startGoldenRig();
  });
  test.after.always(async () => {
    await stage?.stop();
    await rig?.down();
  });

  const useStage = async (name: StageName, c?: GoldenCase): Promise<Stage> => {
    if (stage?.daemonKey !== (c ? daemonOf(c) : name)) {
      await stage?.stop();
      stage = undefined;
      stage = await startStage(rig!, name, c);
    }
    return stage;
  };

  const caseTest = (c: GoldenCase) =>
    test.serial(`rig: ${c.name}`, async (t) => {
      const name = stageOf(c);
      const s = await useStage(name, c);
      const node = name === 'prr' ? 'prr' : 'smap';
      const points = [...new Set(c.packets.map((p) => pointOf(c, p.verdict)))];
      const want = (at: Point) => c.packets.filter((p) => p.output && pointOf(c, p.verdict) === at);
      const wantCounters = expectedView(c.counters.get(node)!);
      const before = s.daemon.counters();
      const seen = new Map(points.map((at) => [at, s.captures[at].packets().length]));
      const got = (at: Point) => s.captures[at].packets().slice(seen.get(at));
      await inject(rig!, c, name);
      // Done when all that should come out has, and the counters file (written
      // at most once a second) says what the case counts.
      const counted = () => countedView(countedSince(s.daemon.counters(), before));
      const allOut = () => points.every((at) => got(at).length >= want(at).length);
      for (let waited = 0; waited < 10_000; waited += 50) {
        if (allOut() && isDeepStrictEqual(counted(), wantCounters)) break;
        await delay(50);
      }
      await delay(100); // anything more than the case expects would be here by now
      for (const at of points) {
        t.is(got(at).length, want(at).length, `packets out of ${s.name} (${at})`);
        want(at).forEach((p, i) => t.is(hex(got(at)[i]), hex(p.output), `${c.file}:${p.line} ${p.what}`));
      }
      t.deepEqual(counted(), wantCounters, `${s.name}'s counters file`);
    });

  // A send the kernel refuses: counted once per packet (send-failed), and
  // the rest of the batch still tried and sent (sendmmsg stops at the first
  // refusal; the addon goes on). Room 2 is made unreachable for the PRR.
  const sendFailedTest = () =>
    test.serial('rig: a packet the kernel refuses is counted send-failed, and the rest of its batch still goes', async (t) => {
      const s = await useStage('prr');
      const c = cases.find((x) => x.name === 'prr-downstream-dispatch')!;
      const toRoom1 = c.packets.filter((p) => p.verdict === 'encap smap 0');
      const toRoom2 = c.packets.filter((p) => p.verdict === 'encap smap 1');
      const ip = systemCommand('ip');
      const room1Address = ipv6ToText(GOLDEN_CONFIG.cpes[0]!.addrV6);
      const onLink = [prefix64(GOLDEN_CONFIG.cpes[0]!.addrV6), 'dev', LINK.prr];
      await rig!.exec('prr', [ip, '-6', 'route', 'del', ...onLink]);
      await rig!.exec('prr', [ip, '-6', 'route', 'add', `${room1Address}/128`, 'dev', LINK.prr]);
      try {
        const before = s.daemon.counters();
        const capture = s.captures['link-out'];
        const seen = capture.packets().length;
        sendFrames(rig!.ns.prr, LINK.prrTun, c.packets.map((p) => p.input), 'ip');
        const counted = () => countedSince(s.daemon.counters(), before);
        for (let waited = 0; waited < 10_000 && counted().drops['send-failed'] < toRoom2.length; waited += 50) await delay(50);
        await delay(1200); // the counters file: at most one write a second
        t.deepEqual(capture.packets().slice(seen).map(hex), toRoom1.map((p) => hex(p.output)), 'every room-1 packet went, before the refused ones and after');
        t.like(counted(), { downstream: { packets: toRoom1.length + toRoom2.length }, drops: { 'send-failed': toRoom2.length, 'no-owner': 2 } });
      } finally {
        await rig!.exec('prr', [ip, '-6', 'route', 'del', `${room1Address}/128`, 'dev', LINK.prr]);
        await rig!.exec('prr', [ip, '-6', 'route', 'add', ...onLink]);
      }
    });

  // Stage by stage: the PRR's cases, the refused send, then each SMAP's.
  for (const name of ['prr', 'smap1', 'smap2'] as const) {
    for (const c of cases.filter((x) => stageOf(x) === name)) caseTest(c);
    if (name === 'prr') sendFailedTest();
  }
}
