// The paper's Tables I and II (II-A), from its own Table I series.
import test from 'ava';
import { portStatistics, renderTableI, renderTableII, statisticsFromAverages, type PortCountRow } from '../../../sim/measure';

// Table I as printed.
const TABLE_I: PortCountRow[] = [
  { date: 1267551614, ports: 5, dns: 0, http: 1, https: 4 },
  { date: 1267551625, ports: 14, dns: 8, http: 1, https: 4 },
  { date: 1267551636, ports: 47, dns: 40, http: 2, https: 4 },
  { date: 1267551647, ports: 47, dns: 40, http: 2, https: 4 },
];

const PAPER_TABLE_I = `TABLE I
BASIC EXAMPLE OF IPV4 PORTS COUNTING

Date\tPorts\tDNS\tHTTP\tHTTPS
1267551614\t5\t0\t1\t4
1267551625\t14\t8\t1\t4
1267551636\t47\t40\t2\t4
1267551647\t47\t40\t2\t4
`;

const PAPER_TABLE_II = `TABLE II
BASIC EXAMPLE OF STATISTICS

v4 ports average\t20,7\t
DNS average\t15,6\t75,36%
HTTP average\t2,1\t10,14%
HTTPS average\t2,35\t11,35%
Other v4\t0,65\t3,14%
`;

test('Table I renders exactly as the paper prints it', (t) => {
  t.is(renderTableI(TABLE_I), PAPER_TABLE_I);
});

test('Table II\'s shares and "Other v4" follow from its averages, to the digit', (t) => {
  const stats = statisticsFromAverages({ ports: 20.7, dns: 15.6, http: 2.1, https: 2.35 });
  t.is(renderTableII(stats), PAPER_TABLE_II);
});

// The four printed rows of Table I average 28.25 ports, 22 DNS, 1.5 HTTP and
// 4 HTTPS, not Table II's 20.7, 15.6, 2.1 and 2.35: Table II does not follow
// from Table I as printed. It is consistent in itself (above), so it was
// likely computed on the whole series, of which Table I shows four rows.
test('Table II from the four rows of Table I: 28.25 ports, DNS 77.88%, not the printed 20.7', (t) => {
  const stats = portStatistics(TABLE_I);
  t.is(stats.samples, 4);
  t.is(stats.ports, 28.25);
  t.deepEqual([stats.dns.average, stats.http.average, stats.https.average, stats.other.average], [22, 1.5, 4, 0.75]);
  t.is(renderTableII(stats), `TABLE II
BASIC EXAMPLE OF STATISTICS

v4 ports average\t28,25\t
DNS average\t22\t77,88%
HTTP average\t1,5\t5,31%
HTTPS average\t4\t14,16%
Other v4\t0,75\t2,65%
`);
});

test('the shares of DNS, HTTP, HTTPS and other add up to all ports', (t) => {
  const s = portStatistics(TABLE_I);
  t.is(Math.round((s.dns.share + s.http.share + s.https.share + s.other.share) * 1e9) / 1e9, 1);
});

test('a decimal point can replace the paper\'s comma', (t) => {
  t.regex(renderTableII(portStatistics(TABLE_I), { decimal: '.' }), /^DNS average\t22\t77\.88%$/m);
});

test('no samples: zeros, not NaN', (t) => {
  const s = portStatistics([]);
  t.deepEqual([s.ports, s.dns.share, s.other.average], [0, 0, 0]);
});
