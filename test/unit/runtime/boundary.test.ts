// The runtime's boundary: only sim/runtime talks to Docker, and nothing it
// hands out names a container. Read off the sources, so that a shortcut
// around the interface fails here rather than in review.
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('../../../', import.meta.url).pathname;
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
const outside = [...sources(join(ROOT, 'sim')), ...sources(join(ROOT, 'bench'))].filter((f) => !f.includes('/sim/runtime/'));

test('no file outside sim/runtime imports dockerode or handles a container id', (t) => {
  const offenders = outside.flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    return [
      ...(/from ['"]dockerode['"]/.test(text) ? [`${relative(ROOT, f)} imports dockerode`] : []),
      ...(/containerId/.test(text) ? [`${relative(ROOT, f)} names containerId`] : []),
    ];
  });
  t.deepEqual(offenders, []);
});

test('the runtime interface names no Docker type and no container id', (t) => {
  const text = readFileSync(join(ROOT, 'sim/runtime/runtime.ts'), 'utf8');
  t.notRegex(text, /dockerode|containerId|Docker\./);
});

test('outside sim/runtime, only its index is imported (tests may reach in)', (t) => {
  const offenders = outside.flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/from ['"]([^'"]*\/runtime\/[^'"]+)['"]/g)]
      .filter((m) => !m[1]!.endsWith('/runtime/index'))
      .map((m) => `${relative(ROOT, f)}: ${m[1]}`));
  t.deepEqual(offenders, []);
});

test('the runtime knows no node kind: nothing in sim/runtime imports sim/kinds or the A+P code', (t) => {
  const inside = sources(join(ROOT, 'sim/runtime'));
  const offenders = inside.flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/from ['"](\.\.\/(?:kinds|aplus|traffic|scenario|measure|node-setup|probes|assert|suite|cli)\/[^'"]*)['"]/g)].map((m) => `${relative(ROOT, f)}: ${m[1]}`));
  t.deepEqual(offenders, []);
});
