// The tunio addon on the wire, without Docker: two network namespaces joined
// by a veth pair, a user-space tunnel end in each (TUN + raw IPv6 socket,
// next header 4). UDP from one side's TUN address reaches the other's and
// the answers come back, only through the two user-space ends.
import test from 'ava';
import { netnsPair, SIDE, startTunnelEnd } from './fixtures/tunnel-pair';

const ECHO = `const s=require('dgram').createSocket('udp4');s.on('message',(m,r)=>s.send(m,r.port,r.address));s.bind(9000,'${SIDE.b.v4Tun}',()=>console.log('ready'))`;
const SEND = `const s=require('dgram').createSocket('udp4');let got=0;s.on('message',()=>{if(++got===5){console.log('answers '+got);process.exit(0)}});` +
  `s.bind(0,'${SIDE.a.v4Tun}',()=>{for(let i=0;i<5;i++)s.send('hello '+i,9000,'${SIDE.b.v4Tun}')});setTimeout(()=>{console.log('answers '+got);process.exit(1)},5000)`;

test('UDP crosses a pair of user-space IPv4-in-IPv6 tunnel ends, both ways', async (t) => {
  const pair = await netnsPair(`t${process.pid}`);
  t.teardown(() => pair.down());
  const a = await startTunnelEnd(pair, 'a');
  const b = await startTunnelEnd(pair, 'b');
  const echo = pair.spawn('b', process.execPath, ['-e', ECHO]);
  await new Promise<void>((resolve) => echo.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  t.is((await pair.exec('a', process.execPath, ['-e', SEND])).trim(), 'answers 5');
  echo.kill();
  const [sa, sb] = [await a.stop(), await b.stop()];
  // Each side tunnelled its five datagrams and took in the other's five, from the right IPv6 source only.
  t.true(sa.sent >= 5 && sb.sent >= 5, JSON.stringify({ sa, sb }));
  t.true(sa.received >= 5 && sb.received >= 5, JSON.stringify({ sa, sb }));
  t.is(sa.wrongSource + sb.wrongSource, 0);
  t.is(sa.sendDrops + sa.writeDrops + sb.sendDrops + sb.writeDrops, 0);
});
