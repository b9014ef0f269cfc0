// Counting MTU ICMP in captures with the project's pcap reader.
import test from 'ava';
import { buildIcmpv4, buildIcmpv6, buildIpv4, buildIpv6, ipv4FromText, ipv6FromText } from '../../../sim/aplus/codec';
import { countMtuIcmp, mtuIcmpKind } from '../../../sim/measure/icmp-count';
import { writeRawPcap } from '../../../sim/measure/pcap';

const A4 = ipv4FromText('192.168.1.1')!, B4 = ipv4FromText('192.168.1.142')!;
const A6 = ipv6FromText('2001:db8::fe')!, B6 = ipv6FromText('2001:db8::1')!;
const fragNeeded = buildIpv4({ src: A4, dst: B4, protocol: 1 }, buildIcmpv4({ type: 3, code: 4, rest: 1400 }, new Uint8Array(28)));
const portUnreachable = buildIpv4({ src: A4, dst: B4, protocol: 1 }, buildIcmpv4({ type: 3, code: 3 }, new Uint8Array(28)));
const ptb = buildIpv6({ src: A6, dst: B6, nextHeader: 58 }, buildIcmpv6({ type: 2, rest: 1460 }, new Uint8Array(48), { src: A6, dst: B6 }));
const echo6 = buildIpv6({ src: A6, dst: B6, nextHeader: 58 }, buildIcmpv6({ type: 128, rest: 1 }, new Uint8Array(8), { src: A6, dst: B6 }));

test('each packet is what it is', (t) => {
  t.is(mtuIcmpKind(fragNeeded), 'fragNeeded');
  t.is(mtuIcmpKind(ptb), 'packetTooBig');
  t.is(mtuIcmpKind(portUnreachable), undefined);
  t.is(mtuIcmpKind(echo6), undefined);
  t.is(mtuIcmpKind(new Uint8Array([0x45])), undefined, 'truncated');
});

test('a capture counts each kind', (t) => {
  const pcap = writeRawPcap([fragNeeded, fragNeeded, ptb, echo6, portUnreachable]);
  t.deepEqual(countMtuIcmp(pcap), { fragNeeded: 2, packetTooBig: 1 });
  t.deepEqual(countMtuIcmp(writeRawPcap([])), { fragNeeded: 0, packetTooBig: 0 });
});
