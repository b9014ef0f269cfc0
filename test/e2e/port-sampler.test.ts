// The port sampler (ports.mjs in each SMAP, on the image's Node) against a
// second instrument: conntrack -L in the same SMAP, counted by conntrack's own
// filter and awk, not by our parser. 2500 UDP flows are held through a
// 4000-port SMAP; both must see them all, within 1%.
import test from 'ava';
import { profilePorts } from '../../sim/kinds/server';
import { parsePortSampleLines } from '../../sim/measure/conntrack/port-sample';
import { sh, upFile } from '../helpers/docker';
import { conntrackSharedPorts } from '../helpers/shell-traffic';

const FLOWS = 2500;
const SHARED = '198.51.100.27';
const SERVER = '198.51.100.80';

/**
 * A client program: FLOWS UDP sockets, one datagram each to the server's echo
 * port, 50 every 10 ms (a burst of all at once overflows queues on the way,
 * which is not what this test is about); prints how many were echoed. The
 * sockets stay open: a closed one's port could be taken again by the next,
 * and two flows would share one conntrack entry.
 */
const flows = (port: number) => `
const dgram = require('dgram');
let echoed = 0, sent = 0, i = 0;
const open = () => {
  for (let k = 0; k < 50 && i < ${FLOWS}; k++, i++) {
    const s = dgram.createSocket('udp4');
    s.on('message', () => echoed++);
    s.on('error', () => {});
    s.send('x', ${port}, '${SERVER}', (e) => { if (!e) sent++; });
  }
  if (i < ${FLOWS}) setTimeout(open, 10);
};
open();
setTimeout(() => { console.log(JSON.stringify({ sent, echoed })); process.exit(0); }, 5000);
`;

test.serial(`${FLOWS} UDP flows through a SMAP: the sampler counts as many ports as conntrack -L lists, within 1%`, async (t) => {
  await using run = await upFile('test/e2e/fixtures/ports-4000.yaml');
  const port = profilePorts().udp[0]!;
  const sentEchoed = JSON.parse(await sh(run, 'b', `node -e "${flows(port).replace(/"/g, '\\"')}"`)) as { sent: number; echoed: number };
  t.is(sentEchoed.sent, FLOWS);
  t.true(sentEchoed.echoed >= FLOWS * 0.99, `echoed ${sentEchoed.echoed}`);

  // Each UDP entry now lives 30 s from its last packet: both instruments read the table within that.
  const sampled = await sh(run, 'room1',
    `node /opt/aplus/ports.mjs --shared ${SHARED} --ports 10000-13999 --every 1 --out /tmp/ports.jsonl >/dev/null 2>&1 & p=$!; sleep 2.5; kill $p; wait $p; cat /tmp/ports.jsonl`);
  const byConntrack = Number((await sh(run, 'room1', conntrackSharedPorts(SHARED, '-p udp'))).trim());
  const { samples, bad } = parsePortSampleLines(sampled);
  t.deepEqual(bad, []);
  const last = samples.at(-1);
  if (!last) return t.fail('the sampler wrote no sample');
  t.true(byConntrack >= FLOWS * 0.99, `conntrack -L lists ${byConntrack} ports on ${SHARED}`);
  t.true(last.entries >= 2000, `the sampler read ${last.entries} entries`);
  t.true(Math.abs(last.total - byConntrack) <= byConntrack * 0.01, `sampler ${last.total} against conntrack -L ${byConntrack}`);
  t.is(last.outOfRange, 0);
  t.log(`sampler: ${last.total} ports (${last.entries} entries); conntrack -L: ${byConntrack}`);
});
