// The tunio addon on the wire, without Docker: two network namespaces joined
// by a veth pair, a user-space tunnel end in each (TUN + raw IPv6 socket,
// next header 4). UDP from one side's TUN address reaches the other's and
// the answers come back, only through the two user-space ends.
import { readFile, rm } from 'node:fs/promises';
import { once } from 'node:events';
import test from 'ava';
import { ip6Bytes } from '../../sim/aplus/io/tunio';
import { readPcap } from '../../sim/measure/pcap/pcap-reader';
import { ipPacketOf } from '../../sim/measure/pcap/link-layer';
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

test('the veth carries the tunnelled datagrams as IPv6 packets with next header 4', async (t) => {
  const pair = await netnsPair(`c${process.pid}`);
  const file = `/tmp/aplus-tunio-${process.pid}.pcap`;
  t.teardown(async () => { await pair.down(); await rm(file, { force: true }); });
  await startTunnelEnd(pair, 'a');
  await startTunnelEnd(pair, 'b');
  const echo = pair.spawn('b', process.execPath, ['-e', ECHO]);
  await new Promise<void>((resolve) => echo.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  const dump = pair.spawn('b', 'tcpdump', ['--immediate-mode', '-n', '-U', '-i', 'v0', '-w', file, 'ip6']);
  await new Promise<void>((resolve) => dump.stderr?.on('data', (d: Buffer) => d.toString().includes('listening on') && resolve()));
  t.is((await pair.exec('a', process.execPath, ['-e', SEND])).trim(), 'answers 5');
  dump.kill('SIGINT');
  await once(dump, 'exit');

  const pcap = readPcap(await readFile(file));
  const tunnelled = pcap.records
    .map((r) => ipPacketOf(pcap.header.linktype, r.data, pcap.header.littleEndian))
    .flatMap((ip) => (ip.ok && ip.version === 6 && ip.packet[6] === 4 ? [Buffer.from(ip.packet)] : []));
  // 5 datagrams there and 5 answers back, each a plain IPv6 header (no
  // extension headers) around an IPv4 UDP packet between the TUN addresses.
  t.is(tunnelled.length, 10);
  const side = (b: Buffer, o: number) =>
    ({ [ip6Bytes(SIDE.a.v6).toString('hex')]: 'a', [ip6Bytes(SIDE.b.v6).toString('hex')]: 'b' })[b.subarray(o, o + 16).toString('hex')] ?? '?';
  const v4 = (b: Buffer, o: number) => b.subarray(o, o + 4).join('.');
  const flows = tunnelled.map((p) => `${side(p, 8)}>${side(p, 24)} v${p[40]! >> 4} proto ${p[49]} ${v4(p, 52)}>${v4(p, 56)}`);
  t.is(flows.filter((f) => f === `a>b v4 proto 17 ${SIDE.a.v4Tun}>${SIDE.b.v4Tun}`).length, 5, flows.join('\n'));
  t.is(flows.filter((f) => f === `b>a v4 proto 17 ${SIDE.b.v4Tun}>${SIDE.a.v4Tun}`).length, 5, flows.join('\n'));
});

test('without CAP_NET_ADMIN opening either end throws an Error named by its errno', async (t) => {
  const pair = await netnsPair(`p${process.pid}`);
  t.teardown(() => pair.down());
  const script = "import { TunDevice, RawIp6Socket } from './sim/aplus/io/tunio';" +
    "for (const open of [() => TunDevice.open('tio0'), () => RawIp6Socket.open({ protocol: 4 })]) {" +
    "try { open(); console.log('opened'); } catch (e) { console.log(e instanceof Error ? e.code : 'not an Error'); } }";
  const out = await pair.exec('a', 'setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups',
    process.execPath, '--import', 'tsx', '--input-type=module', '-e', script]);
  const [tun, raw] = out.trim().split('\n');
  t.regex(tun ?? '', /^(EACCES|EPERM)$/); // EACCES where /dev/net/tun is 0600, else TUNSETIFF's EPERM
  t.is(raw, 'EPERM');
});

test('a batch goes on past a packet the kernel refuses: each packet is tried, and only the refused ones are missing', async (t) => {
  const pair = await netnsPair(`m${process.pid}`);
  t.teardown(() => pair.down());
  // In a's namespace, over loopback: payload i is the byte i. Packet 1 is too
  // long for IPv6 (EMSGSIZE) and packet 3 has no route (ENETUNREACH).
  const script = "import { RawIp6Socket, ip6Bytes } from './sim/aplus/io/tunio';" +
    "const rx = RawIp6Socket.open({ protocol: 4, bind: '::1' }); const got = [];" +
    'rx.onPackets((ps) => { for (const p of ps) got.push(p[0]); });' +
    "const tx = RawIp6Socket.open({ protocol: 4 }); const lo = ip6Bytes('::1'), away = ip6Bytes('2001:db8:dead::1');" +
    'const dsts = Buffer.concat([lo, lo, lo, away, lo]);' +
    'const payloads = [0, 1, 2, 3, 4].map((i) => Buffer.alloc(i === 1 ? 70000 : 20, i));' +
    'const sent = tx.sendMany(dsts, payloads);' +
    'const none = tx.sendMany(Buffer.concat([away, away]), [Buffer.alloc(20), Buffer.alloc(20)]);' +
    'setTimeout(() => { console.log(JSON.stringify({ sent, none, got })); rx.close(); tx.close(); }, 300);';
  const out = await pair.exec('a', process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
  const { sent, none, got } = JSON.parse(out.trim()) as { sent: number; none: number; got: number[] };
  t.is(sent, 3);
  t.deepEqual(got.sort(), [0, 2, 4]);
  t.is(none, -101, 'none went: the first refusal, -ENETUNREACH');
});
