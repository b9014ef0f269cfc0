// An activity's counts times a factor: a host's share of a residence's
// profile (scale-profile.ts) and one user's draw of its counts
// (user-variation.ts) are the same operation. At least one of everything;
// what the profile checks on loading (concurrency <= count, reused peers
// fit the count) still holds afterwards.
import type { Activity } from '../profile-schema';

export function scaledCounts(a: Activity, factor: number): Activity {
  if (factor === 1) return a;
  const n = (x: number) => Math.max(1, Math.round(x * factor));
  const out = { ...a, count: n(a.count) } as Activity;
  if (out.kind !== 'udp' && out.concurrency !== undefined) out.concurrency = Math.min(out.count, n(out.concurrency));
  if (out.kind === 'peers') out.reuse = { ...out.reuse, peers: Math.min(out.reuse.peers, Math.floor(out.count / out.reuse.portsEach[1])) };
  return out;
}
