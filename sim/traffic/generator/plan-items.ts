// From a scaled profile to the list of flows to start, each with its time:
// pure, so that what a run will do is tested without sockets. Waves follow
// docs/profiles.md exactly as portDemand counts them (sim/traffic/port-demand.ts):
// `concurrency` items every `interval` from `at`, no wave after its phase.
// Only types are imported from the profile code: this runs in containers,
// bundled without zod.
import type { Activity, Phase } from '../profile-schema';
import type { ScaledProfile } from '../scale-profile';
import type { FlowKind } from './flow-record';
import { intBetween, seededRandom, shuffled, type Random } from './seeded-random';
import { drawUser } from './user-variation';

interface ItemBase {
  readonly kind: FlowKind;
  readonly phase: string;
  readonly activity: number;
  readonly item: number;
  /** Seconds from the profile's start. */
  readonly at: number;
}
export interface DnsItem extends ItemBase {
  readonly kind: 'dns';
  readonly name: string;
}
export interface TcpItem extends ItemBase {
  readonly kind: 'tcp' | 'peers';
  readonly port: number;
  readonly hold: number;
  readonly bytesUp: number;
  readonly bytesDown: number;
  /** Peers only: the peer's number across the whole profile. */
  readonly peer?: number;
}
export interface UdpItem extends ItemBase {
  readonly kind: 'udp';
  readonly port: number;
  /** Seconds of sending. */
  readonly hold: number;
  readonly rate: number;
  readonly size: number;
}
export type PlannedItem = DnsItem | TcpItem | UdpItem;

export interface Plan {
  readonly items: readonly PlannedItem[];
  /** The profile's end, or the last TCP/UDP hold's end if later (DNS holds are the NAT's, not the generator's). */
  readonly end: number;
  /** How many distinct peers the peers activities use. */
  readonly peers: number;
}

/** Rounded to the microsecond so that scaled times that should meet do meet (as port-demand.ts). */
const tick = (t: number) => Math.round(t * 1e6) / 1e6;

/** The start time of each wave and how many items it starts. */
function waves(ph: Phase, a: Exclude<Activity, { kind: 'udp' }>): { at: number; n: number }[] {
  const phaseEnd = ph.start + ph.duration;
  const first = ph.start + a.at;
  const concurrency = a.concurrency ?? a.count;
  const interval = a.interval ?? a.hold;
  const out: { at: number; n: number }[] = [];
  for (let left = a.count, k = 0; left > 0; k++) {
    const at = first + k * interval;
    if (tick(at) >= tick(phaseEnd)) break;
    const n = Math.min(concurrency, left);
    out.push({ at: tick(at), n });
    left -= n;
  }
  return out;
}

/** Peer numbers for each connection: reused peers first (2-4 at once, in one wave), then one each. */
function peerNumbers(rnd: Random, a: Extract<Activity, { kind: 'peers' }>, first: number): number[] {
  const out: number[] = [];
  let next = first;
  for (let p = 0; p < a.reuse.peers; p++, next++) {
    const each = intBetween(rnd, a.reuse.portsEach[0], a.reuse.portsEach[1]);
    for (let c = 0; c < each && out.length < a.count; c++) out.push(next);
  }
  while (out.length < a.count) out.push(next++);
  return out;
}

/**
 * User `seed`'s flows: its draw of the profile's variation (user-variation.ts;
 * none when the profile has none), then its waves, every time moved by its
 * start offset.
 */
export function planItems(profile: Pick<ScaledProfile, 'phases' | 'variation'>, seed: number): Plan {
  const user = drawUser(profile, seed);
  const plan = planPhases(user.phases, seed);
  return user.offset === 0 ? plan : { ...plan, items: plan.items.map((it) => ({ ...it, at: tick(it.at + user.offset) })), end: plan.end + user.offset };
}

function planPhases(phases: readonly Phase[], seed: number): Plan {
  const rnd = seededRandom(seed);
  // One run per activity, each in time order (its waves are).
  const runs: PlannedItem[][] = [];
  let end = Math.max(0, ...phases.map((ph) => ph.start + ph.duration));
  let peers = 0;
  for (const ph of phases) {
    ph.activities.forEach((a, activity) => {
      const items: PlannedItem[] = [];
      runs.push(items);
      if (a.kind === 'udp') {
        const at = tick(ph.start + a.at);
        const hold = a.hold ?? ph.start + ph.duration - at;
        for (let item = 0; item < a.count; item++)
          items.push({ phase: ph.name, activity, kind: 'udp', item, at, port: a.port, hold, rate: a.rate, size: a.size });
        end = Math.max(end, at + hold);
        return;
      }
      const peerOf = a.kind === 'peers' ? peerNumbers(rnd, a, peers) : [];
      if (a.kind === 'peers') peers = Math.max(peers, ...peerOf.map((p) => p + 1));
      let item = 0;
      for (const w of waves(ph, a)) {
        const wave: PlannedItem[] = [];
        for (let k = 0; k < w.n; k++, item++) {
          if (a.kind === 'dns') {
            const name = a.names[item % a.names.length]!.replaceAll('{i}', String(item));
            wave.push({ phase: ph.name, activity, kind: 'dns', item, at: w.at, name });
          } else {
            // Written out, not spread: a spread after other keys takes V8's slow path (a campus host planned in 763 us, now 14).
            const tcp: { -readonly [K in keyof TcpItem]: TcpItem[K] } = {
              phase: ph.name, activity, kind: a.kind, item, at: w.at, port: a.port, hold: a.hold, bytesUp: a.bytesUp, bytesDown: a.bytesDown,
            };
            if (a.kind === 'peers') tcp.peer = peerOf[item]!;
            wave.push(tcp);
          }
        }
        // Items of a wave start at once; the order they ask for sockets in is the seed's.
        items.push(...(a.kind === 'peers' ? wave : shuffled(rnd, wave)));
        if (a.kind !== 'dns') end = Math.max(end, w.at + a.hold);
      }
    });
  }
  return { items: mergeRuns(runs), end, peers };
}

/**
 * The runs merged in time order; items of one time keep the order of their
 * runs, then their order within a run: what a stable sort of the runs one
 * after the other gives, for less than a stable sort costs. Merged in pairs,
 * the earlier run winning ties.
 */
function mergeRuns(runs: readonly PlannedItem[][]): PlannedItem[] {
  let level: readonly PlannedItem[][] = runs;
  while (level.length > 1) {
    const up: PlannedItem[][] = [];
    for (let r = 0; r < level.length; r += 2) up.push(r + 1 < level.length ? mergeTwo(level[r]!, level[r + 1]!) : level[r]!);
    level = up;
  }
  return level[0] ?? [];
}

function mergeTwo(a: readonly PlannedItem[], b: readonly PlannedItem[]): PlannedItem[] {
  const out: PlannedItem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(b[j]!.at < a[i]!.at ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
