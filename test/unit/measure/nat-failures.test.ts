import test from 'ava';
import { parseConntrackStats } from '../../../sim/measure/conntrack/index';

test('NAT failures are summed over the CPUs of conntrack -S', (t) => {
  // As a SMAP with 10 ports printed it after 15 connections to one server port.
  const text = `cpu=0   \tfound=0 invalid=0 insert=0 insert_failed=13 drop=13 early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0 
cpu=1   \tfound=0 invalid=0 insert=0 insert_failed=17 drop=17 early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0 
`;
  t.deepEqual(parseConntrackStats(text), { insertFailed: 30, drop: 30 });
  t.deepEqual(parseConntrackStats('conntrack v1.4.7: nonsense\n'), { insertFailed: 0, drop: 0 });
});
