// Packets per second through a pair of user-space tunnel ends (TUN + raw
// IPv6 socket, via the tunio addon), next to the same UDP traffic over the
// plain veth between the same two namespaces. Root, no Docker:
//   node --import tsx bench/tunio-pps.ts [seconds=3] [payload bytes=18]
// Sender and receiver are Node dgram sockets in both runs, so the baseline
// also tells how fast the traffic harness itself can go.
import { once } from 'node:events';
import { netnsPair, SIDE, startTunnelEnd, type NetnsPair } from '../test/e2e/fixtures/tunnel-pair';

const seconds = Number(process.argv[2] ?? 3);
const size = Number(process.argv[3] ?? 18);
const PORT = 9100;

// Counts datagrams; on stdin end prints {count, seconds} between first and last.
const RECEIVE = `const s=require('dgram').createSocket('udp4');let n=0,f=0,l=0;` +
  `s.on('message',()=>{l=process.hrtime.bigint();if(!n++)f=l});` +
  `s.bind(${PORT},process.argv[1],()=>console.log('ready'));` +
  `process.stdin.on('end',()=>{console.log(JSON.stringify({count:n,seconds:Number(l-f)/1e9}));process.exit(0)}).resume()`;
// Sends as fast as the socket takes them for the given seconds; prints the count.
const SEND = `const [src,dst,secs,size]=process.argv.slice(1);const s=require('dgram').createSocket('udp4');` +
  `const b=Buffer.alloc(+size,120);let n=0;const end=Date.now()+secs*1000;` +
  `s.bind(0,src,()=>s.connect(${PORT},dst,function go(){for(let i=0;i<256;i++){s.send(b);n++}` +
  `if(Date.now()<end)setImmediate(go);else setTimeout(()=>{console.log(n);process.exit(0)},300)}))`;

async function measure(pair: NetnsPair, src: string, dst: string): Promise<{ pps: number; sent: number; got: number }> {
  const rx = pair.spawn('b', process.execPath, ['-e', RECEIVE, dst]);
  let out = '';
  rx.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  while (!out.includes('ready')) await once(rx.stdout!, 'data');
  const sent = Number(await pair.exec('a', process.execPath, ['-e', SEND, src, dst, String(seconds), String(size)]));
  rx.stdin?.end();
  await once(rx, 'exit');
  const r = JSON.parse(out.split('\n').find((l) => l.startsWith('{')) ?? '{}') as { count: number; seconds: number };
  return { pps: r.seconds > 0 ? r.count / r.seconds : 0, sent, got: r.count };
}

const pair = await netnsPair(`bench${process.pid}`);
try {
  const ends = [await startTunnelEnd(pair, 'a'), await startTunnelEnd(pair, 'b')];
  const tunnel = await measure(pair, SIDE.a.v4Tun, SIDE.b.v4Tun);
  const [sa, sb] = [await ends[0]!.stop(), await ends[1]!.stop()];
  const base = await measure(pair, SIDE.a.v4Veth, SIDE.b.v4Veth);
  const line = (name: string, m: typeof tunnel, extra = '') =>
    `${name.padEnd(30)} ${Math.round(m.pps).toLocaleString('en').padStart(10)} packets/s  ` +
    `(${m.got.toLocaleString('en')} of ${m.sent.toLocaleString('en')} sent, ${size}-byte UDP payload)${extra}`;
  console.log(line('tunio tunnel pair (A -> B)', tunnel,
    `; batches at B: ${sb.batches}, largest ${sb.maxBatch}; drops A send ${sa.sendDrops}, B write ${sb.writeDrops}`));
  console.log(line('baseline: plain veth (A -> B)', base));
} finally {
  await pair.down();
}
