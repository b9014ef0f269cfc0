// The paper's torrent (II-B4: "more than 400 ports at once") through a SMAP of
// 1000 ports, as a new user would measure it: the generator plays the torrent
// profile in the client while the port sampler (ports.mjs, on the image's
// Node) and conntrack -L (its own filter, awk) read the SMAP's table in the
// same second, every few seconds. The sampler must see hundreds of ports, not
// the ~22 a truncated read of the table gave, and agree with conntrack -L, on
// ports and on NAT entries (check: simulator compares the latter).
import test from 'ava';
import { loadScenario } from '../../sim/plan/index';
import { generatorCommand } from '../../sim/scenario/generator-runs';
import { trafficItems } from '../../sim/scenario/traffic-plan';
import { parsePortSampleLines } from '../../sim/measure/conntrack/port-sample';
import { tempFile } from '../helpers/cli';
import { sh, upFile } from '../helpers/docker';
import { conntrackSharedPorts } from '../helpers/shell-traffic';

const SHARED = '198.51.100.27';
/** A live torrent opens and closes connections between two reads a few ms apart: the instruments may differ by that churn. */
const CHURN = 0.03;

test.serial('a torrent through a 1000-port SMAP holds hundreds of ports at once, as the sampler and conntrack -L both count', async (t) => {
  const file = tempFile('torrent-1000.yaml', `name: torrent-1000
topology: ${process.cwd()}/topologies/range-1000.yaml
traffic:
  - { profile: torrent, clients: [b], duration: 240 }
`);
  const s = loadScenario(file);
  const [item] = trafficItems(s.plan, s.traffic);
  const server = s.plan.nodes.find((n) => n.role === 'server')!.interfaces[0]!.ipv4!;
  await using run = await upFile('topologies/range-1000.yaml');
  const script = Buffer.from(generatorCommand(item!, server)).toString('base64');
  // Its start comes on stdin, as aplus run sends it (the host's clock is the containers').
  await sh(run, 'b', `echo ${script} | base64 -d > /tmp/gen.sh && (echo start ${Date.now() + 3000} | setsid sh /tmp/gen.sh >/dev/null 2>&1 &)`);

  const reading = `node /opt/aplus/ports.mjs --shared ${SHARED} --ports 10000-10999 --every 0.5 --out /tmp/p.jsonl >/dev/null 2>&1 & p=$!; ` +
    `sleep 0.8; kill $p; wait $p; tail -n 1 /tmp/p.jsonl; ` +
    `${conntrackSharedPorts(SHARED)}; conntrack -L --reply-dst ${SHARED} 2>/dev/null | wc -l`;
  // Ports and entries apart: the NAT reuses a port toward another peer, so entries (what aplus simulate counts) exceed ports.
  let peak = { sampler: 0, conntrack: 0, at: 0, entries: 0, conntrackEntries: 0 };
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    const [line, count, entries] = (await sh(run, 'room1', reading)).trim().split('\n');
    const sample = parsePortSampleLines(line ?? '').samples[0];
    if (sample && sample.total > peak.sampler) {
      peak = { sampler: sample.total, conntrack: Number(count), at: Math.round((Date.now() - started) / 1000), entries: sample.nated, conntrackEntries: Number(entries) };
    }
    await new Promise((r) => setTimeout(r, 3000));
  }
  t.log(`peak at ${peak.at} s: sampler ${peak.sampler} ports and ${peak.entries} NAT entries, conntrack -L ${peak.conntrack} ports and ${peak.conntrackEntries} entries`);
  t.true(peak.sampler >= 300, `the torrent held ${peak.sampler} ports at the most`);
  t.true(peak.sampler <= 1000 * 2, 'at most the range, per protocol');
  t.true(Math.abs(peak.sampler - peak.conntrack) <= peak.conntrack * CHURN, `sampler ${peak.sampler} against conntrack -L ${peak.conntrack}`);
  t.true(Math.abs(peak.entries - peak.conntrackEntries) <= peak.conntrackEntries * CHURN, `sampler ${peak.entries} NAT entries against conntrack -L ${peak.conntrackEntries}`);
});
