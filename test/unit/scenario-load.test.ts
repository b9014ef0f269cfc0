// Scenario files: every shipped one loads; bad ones say file:line key, exit 2.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import test from 'ava';
import { InputError } from '../../sim/model/errors';
import { loadScenario } from '../../sim/plan/index';
import { trafficItems } from '../../sim/scenario/traffic-plan';
import { CONNTRACK_TIMEOUTS } from '../../sim/traffic/conntrack-timeouts';
import { tempFile } from '../helpers/cli';
import { small } from '../helpers/topologies';

for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml'))) {
  test(`the shipped scenario ${f} loads with its topology, traffic or probes, and assertions`, (t) => {
    const s = loadScenario(`scenarios/${f}`);
    t.true(s.plan.nodes.length > 0);
    t.true(s.traffic.length > 0 || s.probes.length > 0);
    t.true(s.assertions.length > 0);
  });
}

test('the 10-port scenario plans a 10-port room and expects exhaustion', (t) => {
  const s = loadScenario('scenarios/range-10-web-facebook.yaml');
  t.deepEqual(s.plan.nodes.find((n) => n.name === 'room1')!.smapRole!.ports, { first: 10000, last: 10009 });
  t.deepEqual(s.assertions.map((a) => [a.check, a.expect]), [['exhaustion', 'pass'], ['within-range', 'pass'], ['delivery', 'fail']]);
});

test('campus-100 starts its 100 hosts evenly over 32 s, and other scenarios start theirs together', (t) => {
  const campus = loadScenario('scenarios/campus-100.yaml');
  const starts = trafficItems(campus.plan, campus.traffic).map((i) => i.start);
  t.is(starts.length, 100);
  t.deepEqual(starts.slice(0, 3), [0, 0.32, 0.64]);
  t.is(Math.max(...starts), 31.68);
  const p = loadScenario('scenarios/profiles-1000.yaml');
  t.true(trafficItems(p.plan, p.traffic).every((i) => i.start === 0));
});

const inline = (extra: string) => `name: x
topology:
${small().split('\n').map((l) => `  ${l}`).join('\n')}
${extra}`;

const webSpec = resolve('simulations/web.yaml');

test("simulator-web: the web spec's mix over 20 clients in its order and percents, with its seed and timeouts", (t) => {
  const s = loadScenario('scenarios/simulator-web.yaml');
  t.deepEqual(s.traffic.map((x) => [x.profile, x.clients!.length]), [['web-facebook', 8], ['web-twitter', 6], ['google-maps', 3], ['gmail', 3]]);
  t.deepEqual(s.traffic.flatMap((x) => x.clients!), Array.from({ length: 20 }, (_, i) => `web-${String(i + 1).padStart(2, '0')}-c1`));
  t.is(s.seed, 1);
  t.deepEqual(s.conntrack, CONNTRACK_TIMEOUTS);
  t.deepEqual(s.simulation, { file: resolve('scenarios/../simulations/web.yaml'), name: 'web' });
  t.deepEqual(trafficItems(s.plan, s.traffic, s.seed).map((i) => i.seed), Array.from({ length: 20 }, (_, i) => i + 1));
});

test("a scenario's seed moves every generator's", (t) => {
  const s = loadScenario(tempFile('s.yaml', inline('seed: 40\ntraffic:\n  - { profile: base }')));
  t.deepEqual(trafficItems(s.plan, s.traffic, s.seed).map((i) => i.seed), [40]);
});

const rejects = test.macro({
  exec(t, text: string, expected: string) {
    const file = tempFile('s.yaml', text);
    const e = t.throws(() => loadScenario(file), { instanceOf: InputError });
    t.is(e?.message, `${file}${expected}`);
    t.is(e?.exitCode, 2);
  },
  title: (given = '') => `a scenario with ${given} is refused`,
});

test('an unknown profile', rejects, inline('traffic:\n  - { profile: web-myspace, clients: [b] }'),
  ':25 traffic[0].profile: no profile "web-myspace" (profiles: base, campus, game-community, game-racing, game-shooter, gmail, google-maps, im-pidgin, music-streaming, professional, skype, torrent, web-facebook, web-twitter)');
test('a client that is not in the topology', rejects, inline('traffic:\n  - { profile: base, clients: [zz] }'),
  ':25 traffic[0].clients[0]: no client named "zz" in topology small');
test('a planner error inside an inline topology', rejects, inline('').replace('ports: 11000-11999', 'ports: 10500-11999'),
  ':21 topology.smaps[1].ports: 10500-11999 overlaps 10000-10999 of SMAP room1');
test('a bad assertion', rejects, inline('assertions:\n  - { check: delivery, atLeast: 2 }'),
  ':25 assertions[0].atLeast: Too big: expected number to be <=1');
test('expect: fail without a reason', rejects, inline('assertions:\n  - { check: within-range, expect: fail }'),
  ':25 assertions[0].because: expect: fail needs `because`: the known bug it stands for');

test('traffic and a simulation spec', rejects, inline(`traffic:\n  - { profile: base }\nsimulation: { spec: ${webSpec} }`),
  ":26 simulation.spec: give traffic or simulation, not both: generator i must be the spec's user i");
test("a seed that is not the simulation spec's", rejects, inline(`seed: 5\nsimulation: { spec: ${webSpec} }`),
  ":24 seed: seed 5 is not the spec's (1): the run would not be the spec's users");
test('a simulation over a client that does not exist', rejects, inline(`simulation: { spec: ${webSpec}, clients: [zz] }`),
  ':24 simulation.clients[0]: no client named "zz" in topology small');

test('a probe on a node that is not a client', rejects, inline('probes:\n  - { name: p, kind: pmtu, client: room1 }'),
  ':25 probes[0].client: no client named "room1" in topology small');
test('two probes of one name', rejects, inline('probes:\n  - { name: p, kind: pmtu, client: b }\n  - { name: p, kind: pmtu, client: b }'),
  ':26 probes[1].name: duplicate probe name "p" (also probes[0])');
test('an assertion on a probe that does not exist', rejects, inline('assertions:\n  - { check: path-mtu, probe: nope, equals: 1420 }'),
  ':25 assertions[0].probe: no probe named "nope" in this scenario');
test('an event on a router that does not exist', rejects, inline('events:\n  - { at: 3, router: r9, ptb: drop }'),
  ':25 events[0].router: no router named "r9" in topology small');
test('a router check on a SMAP', rejects, inline('assertions:\n  - { check: router, node: room1, counter: too-big, atLeast: 1 }'),
  ':25 assertions[0].node: no router named "room1" in topology small');
test('per-SMAP drops asked of a SMAP, not the PRR', rejects, inline('assertions:\n  - { check: drops, node: room2, smap: room1, reason: too-big, equals: 0 }'),
  ':25 assertions[0].node: no prr named "room2" in topology small');
test('per-SMAP drops of a SMAP that does not exist', rejects, inline('assertions:\n  - { check: drops, node: prr, smap: room9, reason: too-big, equals: 0 }'),
  ':25 assertions[0].smap: no smap named "room9" in topology small');
test('a udp-df probe without its size', rejects, inline('probes:\n  - { name: p, kind: udp-df, client: b }'),
  ':25 probes[0]: missing key `size`');
test('a misspelt key of an event, read against the kind of event it was meant to be', rejects, inline('events:\n  - { at: 3, routr: r9, ptb: drop }'),
  ':25 events[0]: unknown key `routr` (did you mean `router`?)');
test('a misspelt key of an assertion', rejects, inline('assertions:\n  - { check: ports, smap: room1, clas: dns, atMost: 3 }'),
  ':25 assertions[0]: unknown key `clas` (did you mean `class`?)');
test('a misspelt kind of check', rejects, inline('assertions:\n  - { check: delivry, atLeast: 1 }'),
  ':25 assertions[0].check: expected one of delivery, ports, within-range, exhaustion, drops, path-mtu, transfer, icmp, router, simulator, got "delivry" (did you mean "delivery"?)');
test('a misspelt kind of probe', rejects, inline('probes:\n  - { name: p, kind: pmtux, client: b }'),
  ':25 probes[0].kind: expected one of pmtu, udp-df, tcp-bulk, got "pmtux" (did you mean "pmtu"?)');
test('a misspelt top-level key of a scenario', rejects, inline('sampleevery: 3'),
  ':24: unknown key `sampleevery` (did you mean `sampleEvery`?)');
test('a misspelt key of a traffic entry', rejects, inline('traffic:\n  - { profil: base, clients: [b] }'),
  ':25 traffic[0]: unknown key `profil` (did you mean `profile`?)');
test('a misspelt knob in with:', rejects, inline('with:\n  prr: { pmtu: true }'),
  ':25 with.prr: unknown key `pmtu` (did you mean `pmtud`?)');
test('a misspelt key in an inline topology, under topology:', rejects, inline('').replace('ports: 10000-10999', 'portz: 10000-10999'),
  ':15 topology.smaps[0]: unknown key `portz` (did you mean `ports`?)');

test('with: changes the named SMAPs, PRR and routers of the topology file, nothing else', (t) => {
  const s = loadScenario('scenarios/mtu-black-hole.yaml');
  const node = (n: string) => s.plan.nodes.find((x) => x.name === n)!;
  t.like(node('room1').smapRole, { pmtud: true, tunnelMtu: 1460 });
  t.like(node('room2').smapRole, { pmtud: false, tunnelMtu: 1400 });
  t.like(node('prr').prrRole, { pmtud: true, fragments: 'drop' });
  t.deepEqual(node('room1-gw').routerRole, { ptb: 'drop' });
  t.deepEqual(node('sixxs').routerRole, { ptb: 'send' });
});

test('with: a SMAP the topology does not have is refused where the scenario names it', (t) => {
  const file = tempFile('w.yaml', 'topology: ${TOPO}\nwith:\n  smaps:\n    room9: { pmtud: true }\n'.replace('${TOPO}', process.cwd() + '/topologies/mtu-rooms.yaml'));
  const e = t.throws(() => loadScenario(file), { instanceOf: InputError });
  t.is(e?.message, `${file}:4 with.smaps.room9: no SMAP or group named "room9" in topology mtu-rooms (room1, room2)`);
});
