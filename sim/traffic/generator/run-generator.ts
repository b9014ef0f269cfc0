// Plays a scaled profile with real sockets: each planned item starts at its
// time (plan-items.ts), runs as a DNS, TCP or UDP flow, and is written as
// one JSON line when it ends. The run is bounded: at the plan's end plus a
// grace period every flow still open is closed as `deadline`, the summary
// line is written, and the promise resolves. Everything but the flows is done
// before the start (prepareGenerator), so that a generator told to start has
// nothing left to do but play.
import { createWriteStream } from 'node:fs';
import { once, setMaxListeners } from 'node:events';
import type { ScaledProfile } from '../scale-profile';
import type { FailureReason, FlowKind, GeneratedFlow, Measurement, RunSummary } from './flow-record';
import { ipv4Plus } from './ipv4';
import { planItems, type PlannedItem } from './plan-items';
import { runDns } from './run-dns';
import { runTcp } from './run-tcp';
import { flowTag } from './wire-protocol';
import { runUdp } from './run-udp';
import { seededRandom } from './seeded-random';
import { Slots } from './slots';

export interface GeneratorOptions {
  readonly profile: ScaledProfile;
  readonly client: string;
  readonly smap: string;
  readonly dns: { readonly host: string; readonly port: number };
  /** Where TCP and UDP flows go. */
  readonly server: string;
  /** Peers are `count` addresses from `first`; peer k is address k mod count. */
  readonly peers: { readonly first: string; readonly count: number };
  readonly out: string;
  readonly seed: number;
  /** Seconds after the plan's end before open flows are cut. */
  readonly graceS: number;
  readonly connectTimeoutS: number;
  readonly dnsTimeoutS: number;
  readonly flowTimeoutS: number;
  readonly maxOpen: number;
}

export interface PreparedGenerator {
  /** Plays the profile from `startAt` (epoch milliseconds; at once if it has passed) to its summary. */
  play(startAt: number): Promise<RunSummary>;
  /** Closes the output without playing (the start never came). */
  close(): Promise<void>;
}

export const GENERATOR_DEFAULTS = { graceS: 5, connectTimeoutS: 5, dnsTimeoutS: 2, flowTimeoutS: 10, maxOpen: 10_000 } as const;

const PROTOCOL: Record<FlowKind, 'tcp' | 'udp'> = { dns: 'udp', udp: 'udp', tcp: 'tcp', peers: 'tcp' };

/** Plays the profile from `startAt` (epoch milliseconds, default now). */
export async function runGenerator(o: GeneratorOptions, startAt = Date.now()): Promise<RunSummary> {
  return (await prepareGenerator(o)).play(startAt);
}

/** Plans the profile and opens the output (an output that cannot be written fails here, before any flow). */
export async function prepareGenerator(o: GeneratorOptions): Promise<PreparedGenerator> {
  const plan = planItems(o.profile, o.seed);
  // DNS ids come from their own stream so that they do not shift the plan's choices.
  const ids = seededRandom(o.seed ^ 0x5eed);
  const out = createWriteStream(o.out, { flags: 'w' });
  await once(out, 'open');
  const deadline = new AbortController();
  // Every open flow listens for the deadline: thousands at once in a torrent, not a leak.
  setMaxListeners(0, deadline.signal);
  const slots = new Slots(o.maxOpen);
  // One timer per distinct start time; items of one time start in plan order.
  const byTime = new Map<number, PlannedItem[]>();
  for (const it of plan.items) {
    const same = byTime.get(it.at);
    if (same) same.push(it);
    else byTime.set(it.at, [it]);
  }
  const byKind: Partial<Record<FlowKind, number>> = {};
  const byReason: Partial<Record<FailureReason, number>> = {};
  let okCount = 0;

  const write = (line: GeneratedFlow | RunSummary) => out.write(`${JSON.stringify(line)}\n`);
  const record = (it: PlannedItem, dst: string, dstPort: number, m: Measurement) => {
    byKind[it.kind] = (byKind[it.kind] ?? 0) + 1;
    if (m.ok) okCount++;
    else if (m.reason) byReason[m.reason] = (byReason[m.reason] ?? 0) + 1;
    const extra = it.kind === 'dns' ? { name: it.name } : 'peer' in it && it.peer !== undefined ? { peer: it.peer } : {};
    write({
      record: 'flow', client: o.client, smap: o.smap, profile: o.profile.name, phase: it.phase, kind: it.kind,
      protocol: PROTOCOL[it.kind], activity: it.activity, item: it.item, planned: it.at, dst, dstPort, ...extra, ...m,
    });
  };

  const destination = (it: PlannedItem): { dst: string; dstPort: number } => {
    if (it.kind === 'dns') return { dst: o.dns.host, dstPort: o.dns.port };
    if (it.kind === 'peers' && it.peer !== undefined) return { dst: ipv4Plus(o.peers.first, it.peer % o.peers.count), dstPort: it.port };
    return { dst: o.server, dstPort: it.port };
  };

  const start = async (it: PlannedItem, dnsId: number): Promise<void> => {
    const { dst, dstPort } = destination(it);
    const signal = deadline.signal;
    if (!(await slots.take(signal))) {
      const now = Date.now();
      return record(it, dst, dstPort, { ok: false, reason: 'not-started', started: now, ended: now, bytesUp: 0, bytesDown: 0 });
    }
    try {
      const m =
        it.kind === 'dns'
          ? await runDns({ server: dst, port: dstPort, name: it.name, id: dnsId, timeoutMs: o.dnsTimeoutS * 1000 }, signal)
          : it.kind === 'udp'
            ? await runUdp({ host: dst, port: dstPort, rate: it.rate, size: it.size, holdMs: it.hold * 1000, echoWaitMs: Math.min(1000, o.flowTimeoutS * 1000) }, signal)
            : await runTcp({ host: dst, port: dstPort, bytesUp: it.bytesUp, bytesDown: it.bytesDown, holdMs: it.hold * 1000, connectTimeoutMs: o.connectTimeoutS * 1000, flowTimeoutMs: o.flowTimeoutS * 1000, flow: flowTag({ client: o.client, ...it }) }, signal);
      record(it, dst, dstPort, m);
    } finally {
      slots.give();
    }
  };

  const close = async () => {
    out.end();
    await once(out, 'finish');
  };

  const play = async (startAt: number): Promise<RunSummary> => {
    if (startAt > Date.now()) await new Promise((r) => setTimeout(r, startAt - Date.now()));
    const t0 = Date.now();
    const running: Promise<void>[] = [];
    const timers: NodeJS.Timeout[] = [];
    const allStarted = new Promise<void>((resolve) => {
      let left = byTime.size;
      if (left === 0) resolve();
      for (const [at, items] of byTime)
        timers.push(
          setTimeout(() => {
            for (const it of items) running.push(start(it, Math.floor(ids() * 65536)));
            if (--left === 0) resolve();
          }, Math.max(0, t0 + at * 1000 - Date.now())),
        );
    });
    const cut = setTimeout(() => deadline.abort(), (plan.end + o.graceS) * 1000);
    await allStarted;
    await Promise.all(running);
    clearTimeout(cut);
    timers.forEach(clearTimeout);

    const flows = plan.items.length;
    const summary: RunSummary = {
      record: 'summary', client: o.client, smap: o.smap, profile: o.profile.name, seed: o.seed, timeScale: o.profile.timeScale,
      started: t0, ended: Date.now(), flows, ok: okCount, failed: flows - okCount, byKind, byReason,
    };
    write(summary);
    await close();
    return summary;
  };
  return { play, close };
}
