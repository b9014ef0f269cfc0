// Link impairments on the fabric's ports: a rate on room 1's access link
// (lab-router's link in seed-2010) bounds iperf3 through the whole A+P path,
// a change at run time moves the bound, and lifting it frees the link. What
// this kernel cannot make (netem's delay and loss, where it lacks sch_netem)
// is refused with exit 3 naming the module, before anything is made.
import test from 'ava';
import { missingQdiscs } from '../../sim/runtime/kernel-qdiscs';
import { requireDocker } from '../../sim/runtime/docker-client';
import { listRuns } from '../../sim/runtime/list-runs';
import { cli } from '../helpers/cli';
import { seedWithImpairment as seedWith } from '../helpers/topologies';
import { sh, upFile } from '../helpers/docker';
import type { RunningTopology } from '../../sim/runtime/index';

const WEB = '198.51.100.80';
const LINK = 'link-lab-router';

/** Mbit/s iperf3 got from client b to the server through room 1, the PRR and the link (received, TCP). */
async function iperf(run: RunningTopology): Promise<number> {
  const out = JSON.parse(await sh(run, 'b', `iperf3 -c ${WEB} -t 4 -J`)) as { end: { sum_received: { bits_per_second: number } } };
  return out.end.sum_received.bits_per_second / 1e6;
}

test.serial('a rate on a link bounds what crosses it, changes while the run is up, and goes when lifted', async (t) => {
  await using run = await upFile(seedWith('{ rate: 4mbit }'));
  const at4 = await iperf(run);
  await run.impair(LINK, { rateKbit: 16000 });
  const at16 = await iperf(run);
  await run.impair(LINK, undefined);
  const free = await iperf(run);
  t.log(`iperf3 through room 1: ${at4.toFixed(2)} Mbit/s at 4mbit, ${at16.toFixed(2)} at 16mbit, ${free.toFixed(1)} unimpaired`);
  t.true(at4 > 4 * 0.7 && at4 < 4 * 1.1, `at 4mbit: ${at4}`);
  t.true(at16 > 16 * 0.7 && at16 < 16 * 1.1, `at 16mbit: ${at16}`);
  t.true(free > at16 * 2, `unimpaired: ${free}`);
});

test.serial('a delay or a loss on a kernel without netem is refused with exit 3 naming sch_netem, and nothing is made', async (t) => {
  const missing = missingQdiscs(['sch_netem']);
  if (!missing || missing.length === 0) {
    // This kernel has netem: then a delay must show in the round trip across the link, both ways.
    await using run = await upFile(seedWith('{ delay: 50ms }'));
    const rtt = Number(/= [\d.]+\/([\d.]+)\//.exec(await sh(run, 'room1', 'ping -6 -c 3 -i 0.3 2001:db8:7301:4666::fe'))?.[1]);
    t.true(rtt >= 95, `round trip ${rtt} ms across a link of 50 ms each way`);
    return;
  }
  const d = await requireDocker();
  const before = (await listRuns(d)).length;
  const r = await cli('up', seedWith('{ delay: 20ms, loss: 1% }'));
  t.is(r.code, 3, r.err);
  t.regex(r.err, /this kernel has no sch_netem: link-lab-router \(delay 20ms, loss 1%\) cannot be made/);
  t.regex(r.err, /modprobe sch_netem/);
  t.is((await listRuns(d)).length, before);
});
