// Image tags are worked out once per process: two scenarios starting together
// (aplus test --parallel) share one working-out, so neither hashes a build
// context the other is rewriting (CI saw "image ... is missing" from that).
import test from 'ava';
import { imageTags } from '../../../sim/runtime/images';

test('concurrent callers share one working-out of the tags', async (t) => {
  const [a, b] = [imageTags(), imageTags()];
  t.is(a, b);
  t.deepEqual(await a, await b);
  t.regex((await a).client, /^aplus\/client:[0-9a-f]{12}$/);
});
