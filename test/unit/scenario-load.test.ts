// Scenario files: every shipped one loads; bad ones say file:line key, exit 2.
import { readdirSync } from 'node:fs';
import test from 'ava';
import { InputError } from '../../sim/model/errors';
import { loadScenario } from '../../sim/plan/index';
import { tempFile } from '../helpers/cli';
import { small } from '../helpers/topologies';

for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml'))) {
  test(`the shipped scenario ${f} loads with its topology, traffic and assertions`, (t) => {
    const s = loadScenario(`scenarios/${f}`);
    t.true(s.plan.nodes.length > 0);
    t.true(s.traffic.length > 0);
    t.true(s.assertions.length > 0);
  });
}

test('the 10-port scenario plans a 10-port room and expects exhaustion', (t) => {
  const s = loadScenario('scenarios/range-10-web-facebook.yaml');
  t.deepEqual(s.plan.nodes.find((n) => n.name === 'room1')!.smapRole!.ports, { first: 10000, last: 10009 });
  t.deepEqual(s.assertions.map((a) => [a.check, a.expect]), [['exhaustion', 'pass'], ['within-range', 'pass'], ['delivery', 'fail']]);
});

const inline = (extra: string) => `name: x
topology:
${small().split('\n').map((l) => `  ${l}`).join('\n')}
${extra}`;

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
