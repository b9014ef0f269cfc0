// Ports of the shared address in use on a SMAP, per class, from a conntrack
// sample; a port outside the SMAP's range is reported.
import test from 'ava';
import { maxPortsInUse, parseConntrack, portCountRow, portsInUse } from '../../../sim/measure';
import { CONNTRACK_L, PROC, TABLE_V } from './conntrack-lines';

const room1 = { shared: '198.51.100.27', range: { first: 10000, last: 11000 } };

test('a SMAP sample counts one port per class from the NATed side', (t) => {
  const p = portsInUse(parseConntrack(PROC).entries, room1);
  // ESTABLISHED HTTP 10007, DNS 10012, SYN_SENT HTTPS 10013, ICMP id 10020; the DHCPv6 entry is not NATed.
  t.like(p, { entries: 5, nated: 4, dns: 1, http: 1, https: 1, other: 1, total: 4 });
  t.deepEqual(p.outOfRange, []);
});

test('conntrack -L: a game flow on UDP 3659 counts as other', (t) => {
  const p = portsInUse(parseConntrack(CONNTRACK_L).entries, room1);
  t.like(p, { nated: 5, dns: 1, http: 1, https: 1, other: 2, total: 5 });
});

test('Table V: the NAT kept port 4000 for two destinations, so three connections hold two ports', (t) => {
  const p = portsInUse(parseConntrack(TABLE_V).entries, { shared: '192.44.77.81', range: { first: 1024, last: 65535 } });
  t.like(p, { nated: 3, https: 1, other: 2, total: 2 });
});

test('a mapped port outside the range is reported with its entry', (t) => {
  const p = portsInUse(parseConntrack(TABLE_V).entries, { shared: '192.44.77.81', range: { first: 4000, last: 4999 } });
  t.is(p.outOfRange.length, 1);
  t.like(p.outOfRange[0], { l4: 'tcp', port: 1517, class: 'other', entry: { original: { src: '172.23.203.112', sport: 4000 } } });
});

test('entries for another shared address are not this SMAP\'s', (t) => {
  t.like(portsInUse(parseConntrack(PROC).entries, { ...room1, shared: '198.51.100.99' }), { nated: 0, total: 0 });
});

test('the maximum over samples, per class, and a Table I row from a sample', (t) => {
  const a = portsInUse(parseConntrack(PROC).entries, room1);
  const b = portsInUse(parseConntrack(CONNTRACK_L).entries, room1);
  t.like(maxPortsInUse([a, b]), { dns: 1, http: 1, https: 1, other: 2, total: 5, outOfRange: [] });
  t.deepEqual(portCountRow(1267551614, b), { date: 1267551614, ports: 5, dns: 1, http: 1, https: 1 });
});
