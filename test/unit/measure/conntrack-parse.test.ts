// Conntrack lines in both formats the kernel and the tool print, starting
// with the paper's own Table V, into entries; bad lines skipped with why.
import test from 'ava';
import { parseConntrack, parseConntrackLine, type ConntrackEntry } from '../../../sim/measure/conntrack';
import { CONNTRACK_L, PROC, TABLE_V } from './conntrack-lines';


test('the paper\'s Table V parses into three closed TCP entries', (t) => {
  const { entries, skipped } = parseConntrack(TABLE_V);
  t.is(entries.length, 3);
  t.deepEqual(skipped, []);
  t.deepEqual(entries[0], {
    l3: 'ipv4', l4: 'tcp', protocol: 6, timeout: 5, state: 'CLOSE',
    original: { src: '172.23.42.42', dst: '217.70.191.14', sport: 4000, dport: 22, packets: 2, bytes: 84 },
    reply: { src: '217.70.191.14', dst: '192.44.77.81', sport: 22, dport: 4000, packets: 1, bytes: 44 },
    unreplied: false, assured: false, offload: false, mark: 0, use: 1, extra: {},
  } satisfies ConntrackEntry);
});

test('Table V\'s third connection was moved from port 4000 to 1517 by the NAT', (t) => {
  const third = parseConntrack(TABLE_V).entries[2]!;
  t.is(third.original.sport, 4000);
  t.is(third.reply.dport, 1517);
});

test('/proc/net/nf_conntrack lines carry the layer 3 name, [ASSURED] and zone', (t) => {
  const { entries, skipped } = parseConntrack(PROC);
  t.is(entries.length, 5);
  t.is(skipped.length, 0);
  t.like(entries[0], { l3: 'ipv4', l4: 'tcp', timeout: 431995, state: 'ESTABLISHED', assured: true, unreplied: false, zone: 0, use: 2 });
  t.false('packets' in entries[0]!.original); // no accounting in this dump
});

test('a UDP entry has no state; an unanswered one is [UNREPLIED]', (t) => {
  const [, udp, syn] = parseConntrack(PROC).entries;
  t.like(udp, { l4: 'udp', protocol: 17, timeout: 27, assured: false, unreplied: false });
  t.false('state' in udp!);
  t.like(syn, { state: 'SYN_SENT', unreplied: true, reply: { dport: 10013 } });
});

test('ICMP tuples have type, code and id instead of ports', (t) => {
  const icmp = parseConntrack(PROC).entries[3]!;
  t.deepEqual(icmp.original, { src: '192.168.1.100', dst: '198.18.0.1', icmp: { type: 8, code: 0, id: 3412 } });
  t.deepEqual(icmp.reply.icmp, { type: 0, code: 0, id: 10020 });
});

test('IPv6 entries keep their addresses whole', (t) => {
  t.like(parseConntrack(PROC).entries[4], { l3: 'ipv6', original: { src: '2001:db8:7301:4666::1', sport: 546 } });
});

test('conntrack -L lines with accounting have packets and bytes each way', (t) => {
  const { entries, skipped } = parseConntrack(CONNTRACK_L);
  t.is(entries.length, 5);
  t.like(entries[0], { l3: 'ipv4', original: { packets: 6, bytes: 412 }, reply: { packets: 4, bytes: 5320 }, assured: true });
  t.like(entries[1], { state: 'TIME_WAIT', timeout: 117 });
  t.like(entries[2], { l4: 'udp', unreplied: true, reply: { packets: 0, dport: 10010 } });
  t.like(entries[4], { l4: 'icmp', original: { icmp: { id: 3413 }, packets: 1 } });
  t.deepEqual(skipped, [{ line: 6, text: 'conntrack v1.4.6 (conntrack-tools): 5 flow entries have been shown.', reason: "the conntrack tool's summary line" }]);
});

const skips = test.macro({
  exec(t, line: string, reason: string) {
    t.is(parseConntrackLine(line), reason);
  },
  title: (given = '') => `skips ${given}`,
});

test('a line of garbage', skips, 'hello world', 'no protocol name and number at the start');
test('an entry cut after its original tuple', skips,
  'udp      17 29 src=192.168.1.100 dst=198.18.0.53 sport=39213 dport=53',
  'expected an original and a reply tuple, found 1');
test('a TCP entry without ports', skips,
  'tcp      6 10 CLOSE src=10.0.0.1 dst=10.0.0.2 src=10.0.0.2 dst=10.0.0.1 use=1',
  'original tuple: tcp without sport= and dport=');
test('a port that is not a number', skips,
  'udp      17 29 src=10.0.0.1 dst=10.0.0.2 sport=x dport=53 src=10.0.0.2 dst=10.0.0.1 sport=53 dport=1 use=1',
  'sport=x is not a number');

test('bad lines are counted with their line number, never thrown, and the rest is kept', (t) => {
  const { entries, skipped } = parseConntrack(`${TABLE_V}\n\nnot an entry\n${CONNTRACK_L.split('\n')[0]}`);
  t.is(entries.length, 4);
  t.deepEqual(skipped, [{ line: 5, text: 'not an entry', reason: 'no protocol name and number at the start' }]);
});
