// Sends one hand-made IPv4 packet through a tunnel end's raw IPv6 socket,
// bypassing the kernel's NAT: how a misbehaving SMAP (or an attacker on the
// core) would send, for tests of the PRR's checks.
// Usage: node inject.mjs --to PRR_V6 --bind OWN_V6 --src A --dst B --sport N --dport N [--proto udp|tcp] [--count N]
import { parseArgs } from 'node:util';
import { ipv4FromText } from '../codec/address';
import { buildIpv4 } from '../codec/ipv4';
import { buildUdp, PROTO_UDP } from '../codec/udp';
import { buildTcp, PROTO_TCP, TCP_FLAGS } from '../codec/tcp';
import { RawIp6Socket } from '../io/tunio';

const { values } = parseArgs({
  options: {
    to: { type: 'string' }, bind: { type: 'string' }, src: { type: 'string' }, dst: { type: 'string' },
    sport: { type: 'string' }, dport: { type: 'string' }, proto: { type: 'string', default: 'udp' }, count: { type: 'string', default: '1' },
  },
});
const src = ipv4FromText(values.src ?? ''), dst = ipv4FromText(values.dst ?? '');
if (!values.to || !values.bind || !src || !dst || !values.sport || !values.dport) {
  process.stderr.write('usage: inject --to V6 --bind V6 --src A --dst B --sport N --dport N [--proto udp|tcp] [--count N]\n');
  process.exit(2);
}
const ports = { srcPort: Number(values.sport), dstPort: Number(values.dport) };
const payload = new TextEncoder().encode('aplus inject\n');
const tcp = values.proto === 'tcp';
const l4 = tcp
  ? buildTcp({ ...ports, seq: 1, ack: 0, flags: TCP_FLAGS.syn, window: 65535 }, new Uint8Array(0), { src, dst })
  : buildUdp(ports, payload, { src, dst });
const packet = buildIpv4({ src, dst, protocol: tcp ? PROTO_TCP : PROTO_UDP, ttl: 64, identification: 1, dontFragment: true }, l4);
const sock = RawIp6Socket.open({ protocol: 4, bind: values.bind });
let sent = 0;
for (let i = 0; i < Number(values.count); i++) if (sock.send(values.to, packet) > 0) sent++;
sock.close();
process.stdout.write(`sent ${sent} packet(s) of ${packet.length} bytes\n`);
