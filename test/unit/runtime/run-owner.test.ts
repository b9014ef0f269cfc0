// Who owns a run: this process is alive, a kept run always is, and a pid
// that is gone, reused (another start time) or from another boot is not.
import { spawnSync } from 'node:child_process';
import test from 'ava';
import { KEPT, ownerAlive, ownerLabel } from '../../../sim/runtime/run-owner';

test('this process owns its runs while it lives; a kept run is always alive', (t) => {
  const me = ownerLabel();
  t.regex(me, /^[0-9a-f-]{36}\/\d+\/\d+$/);
  t.true(ownerAlive(me));
  t.true(ownerAlive(KEPT));
});

test('a process that exited, a reused pid and another boot are owners that are gone', (t) => {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  const [boot, pid, start] = ownerLabel().split('/') as [string, string, string];
  t.false(ownerAlive(`${boot}/${child.stdout.trim()}/${start}`));
  t.false(ownerAlive(`${boot}/${pid}/${Number(start) + 1}`), 'same pid, another start time');
  t.false(ownerAlive(`00000000-0000-0000-0000-000000000000/${pid}/${start}`), 'another boot');
  t.false(ownerAlive('nonsense'));
});
