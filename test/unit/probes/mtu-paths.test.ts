// The probes on a real path with a narrower link, in network namespaces
// (fixtures/probe-rig.ts): client A on 1500, router R, server B behind a
// 1400-byte link; then R as a black hole that drops its ICMP "fragmentation
// needed" (RFC 2923 2.1), the paper's MTU trouble (IV-B). Needs root; skipped
// otherwise. Each test builds its own namespaces and deletes them, even when
// it fails.
import test, { type ExecutionContext } from 'ava';
import { canBuildRig, NARROW_MTU, probeRig, type ProbeRig } from './fixtures/probe-rig';

const netTest = (await canBuildRig()) ? test.serial : test.skip;
let rigs = 0;

async function rig(t: ExecutionContext, opts: { blackHole?: boolean } = {}): Promise<ProbeRig> {
  const r = await probeRig(`${process.pid}-${rigs++}`, opts);
  t.teardown(() => r.down());
  return r;
}

const TWO_MB = '2000000';

netTest('pmtu finds the 1400-byte link by echoes, and ICMP announces 1400', async (t) => {
  const r = await (await rig(t)).probe(['--kind', 'pmtu', '--tries', '2']);
  t.is(r.code, 0, r.stderr);
  t.like(r.record, { ok: true, pathMtu: NARROW_MTU });
  t.deepEqual(r.record?.icmpMtus, [NARROW_MTU]);
});

netTest('behind a black hole pmtu still finds 1400 by echoes, and ICMP says nothing', async (t) => {
  const net = await rig(t, { blackHole: true });
  const r = await net.probe(['--kind', 'pmtu', '--tries', '2']);
  t.is(r.code, 0, r.stderr);
  t.like(r.record, { ok: true, pathMtu: NARROW_MTU });
  t.deepEqual(r.record?.icmpMtus, []);
  // The router did try to tell: the black hole dropped what it sent.
  t.true((await net.fragNeededDropped()) > 0);
});

netTest('a sender of 1500-byte DF datagrams that ignores ICMP gets no echo at all (Call of Duty)', async (t) => {
  const r = await (await rig(t)).probe(['--kind', 'udp-df', '--size', '1500', '--count', '10', '--interval', '50']);
  t.is(r.code, 0, r.stderr);
  t.like(r.record, { ok: false, reason: 'no-echo', sent: 10, received: 0, size: 1500, adapts: false });
  // It was told, and did not listen.
  t.deepEqual(r.record?.icmpMtus, [NARROW_MTU]);
});

netTest('a sender that listens to ICMP shrinks to 1400 and gets its echoes', async (t) => {
  const r = await (await rig(t)).probe(['--kind', 'udp-df', '--size', '1500', '--count', '10', '--interval', '50', '--adapts']);
  t.is(r.code, 0, r.stderr);
  t.like(r.record, { ok: true, size: NARROW_MTU, adapts: true, sent: 10 });
  t.true((r.record?.received ?? 0) > 0);
  t.deepEqual(r.record?.icmpMtus, [NARROW_MTU]);
});

netTest('2 MB up and 2 MB down complete when ICMP gets through', async (t) => {
  const net = await rig(t);
  for (const direction of ['up', 'down']) {
    const r = await net.probe(['--kind', 'tcp-bulk', '--direction', direction, '--bytes', TWO_MB, '--timeout-s', '60']);
    t.is(r.code, 0, r.stderr);
    t.like(r.record, { ok: true, direction, bytes: 2_000_000, bytesWanted: 2_000_000 });
  }
});

netTest('behind a black hole a 2 MB upload stalls, while a download completes', async (t) => {
  const net = await rig(t, { blackHole: true });
  const up = await net.probe(['--kind', 'tcp-bulk', '--direction', 'up', '--bytes', TWO_MB, '--stall-ms', '1000', '--timeout-s', '6']);
  t.is(up.code, 0, up.stderr);
  // Full-size segments die at R and nothing lowers A's MSS: not one payload byte is acknowledged.
  t.like(up.record, { ok: false, reason: 'stalled', direction: 'up', bytes: 0, bytesWanted: 2_000_000, stalls: 1 });
  t.true((up.record?.longestStallMs ?? 0) >= 1000);
  // B sends with its own link's MSS (1360), so nothing it sends needs PMTU discovery.
  const down = await net.probe(['--kind', 'tcp-bulk', '--direction', 'down', '--bytes', TWO_MB, '--timeout-s', '60']);
  t.like(down.record, { ok: true, bytes: 2_000_000 });
  t.true((await net.fragNeededDropped()) > 0);
});
