// Image tags are worked out once per process and recipes: two scenarios
// starting together (aplus test --parallel) share one working-out, so neither
// hashes a build context the other is rewriting (CI saw "image ... is
// missing" from that).
import test from 'ava';
import { KIND_IMAGES } from '../../../sim/kinds/index';
import type { ImageRecipes } from '../../../sim/runtime/index';
import { imageTags } from '../../../sim/runtime/images';

test('concurrent callers share one working-out of the tags: each context is written once', async (t) => {
  const written: string[] = [];
  const recipes: ImageRecipes = { roles: KIND_IMAGES.roles, context: (role) => (written.push(role), KIND_IMAGES.context(role)) };
  const [a, b] = await Promise.all([imageTags(recipes), imageTags(recipes)]);
  t.deepEqual(a, b);
  t.deepEqual(written, [...KIND_IMAGES.roles]);
  t.regex(a.client, /^aplus\/client:[0-9a-f]{12}$/);
  t.deepEqual(await imageTags(recipes), a);
  t.is(written.length, KIND_IMAGES.roles.length);
});

test('a failed working-out is not kept: the next call tries again', async (t) => {
  let calls = 0;
  const recipes: ImageRecipes = {
    roles: ['client'],
    context: async (role) => {
      if (++calls === 1) throw new Error('no esbuild');
      return KIND_IMAGES.context(role);
    },
  };
  await t.throwsAsync(imageTags(recipes), { message: 'no esbuild' });
  t.regex((await imageTags(recipes)).client, /^aplus\/client:/);
  t.is(calls, 2);
});
