// The nodes with counters on each SMAP's path to the PRR, from the plan:
// the SMAP, the chain of routers above its link, the PRR.
import test from 'ava';
import { loadPlan, smapPaths } from '../../sim/plan/index';
import { small } from '../helpers/topologies';

const hops = (file: string, smap: string, text?: string) =>
  smapPaths(loadPlan(file, text === undefined ? {} : { text }).plan)[smap]?.map((h) => `${h.role} ${h.node}`);

test('room 1 crosses its own router, then the one it hangs off, then the PRR (Table IV)', (t) => {
  t.deepEqual(hops('topologies/mtu-rooms.yaml', 'room1'), ['smap room1', 'router room1-gw', 'router renater', 'prr prr']);
  t.deepEqual(hops('topologies/mtu-rooms.yaml', 'room2'), ['smap room2', 'router sixxs', 'prr prr']);
});

test('two rooms behind one router share it', (t) => {
  t.deepEqual(hops('topologies/seed-2010.yaml', 'room1'), ['smap room1', 'router lab-router', 'prr prr']);
  t.deepEqual(hops('topologies/seed-2010.yaml', 'room2'), ['smap room2', 'router lab-router', 'prr prr']);
});

test('a SMAP on the core reaches the PRR directly', (t) => {
  t.deepEqual(hops('t.yaml', 'room1', small()), ['smap room1', 'prr prr']);
});

test('every SMAP of a group has a path', (t) => {
  const paths = smapPaths(loadPlan('topologies/campus-100.yaml').plan);
  t.true(Object.keys(paths).length >= 100);
  t.true(Object.values(paths).every((p) => p[0]!.role === 'smap' && p.at(-1)!.role === 'prr'));
});
