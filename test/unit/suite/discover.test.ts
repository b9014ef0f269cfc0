// Which scenario files a suite finds under the paths it is given, and which
// of them --tag selects. Bad files are found too, and said to be bad.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import test from 'ava';
import { InputError } from '../../../sim/model/errors';
import { entryName, findScenarioFiles, loadEntries, selectByTags, type SuiteEntry } from '../../../sim/suite/index';

const shipped = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort().map((f) => join('scenarios', f));

/** A real scenario file's text, its topology made absolute so that it loads from anywhere. */
const realScenario = (file: string, name: string, tags: string) =>
  readFileSync(file, 'utf8')
    .replace(/^topology: (\S+)$/m, (_, p: string) => `topology: ${resolve('scenarios', p)}`)
    .replace(/^name: .*$/m, `name: ${name}`)
    .replace(/^tags: .*$/m, `tags: [${tags}]`);

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aplus-suite-'));
  const put = (p: string, text: string) => {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  };
  put('b-ports.yaml', realScenario('scenarios/range-10-web-facebook.yaml', 'b-ports', 'ports, paper'));
  put('nested/deeper/a-mtu.yml', realScenario('scenarios/mtu-paper.yaml', 'a-mtu', 'mtu'));
  // An unknown profile: loads as far as its tags, fails on line 7.
  put('nested/c-bad-profile.yaml', realScenario('scenarios/range-10-web-facebook.yaml', 'c-bad-profile', 'ports').replace('profile: web-facebook', 'profile: web-myspace'));
  // Not even YAML: its tags cannot be read.
  put('d-broken.yaml', 'name: d-broken\ntopology: [unclosed\n');
  put('topology-only.yaml', readFileSync('topologies/range-10.yaml', 'utf8'));
  put('.hidden/e.yaml', realScenario('scenarios/range-10-web-facebook.yaml', 'e', 'ports'));
  put('notes.txt', 'topology: not yaml by name');
  return dir;
}

test('with no path the shipped scenarios/ folder is the suite, sorted', (t) => {
  t.deepEqual(findScenarioFiles(['scenarios']), shipped);
});

test('folders are searched recursively for scenario files; topologies, dot-folders and other files are left alone', (t) => {
  const dir = tree();
  t.deepEqual(findScenarioFiles([dir]), [
    join(dir, 'b-ports.yaml'),
    join(dir, 'd-broken.yaml'),
    join(dir, 'nested/c-bad-profile.yaml'),
    join(dir, 'nested/deeper/a-mtu.yml'),
  ]);
});

test('files and folders mix, each file once, in one sorted order; a named file is taken whatever it holds', (t) => {
  const dir = tree();
  const files = findScenarioFiles([join(dir, 'topology-only.yaml'), dir, 'scenarios/mtu-paper.yaml', join(dir, 'b-ports.yaml')]);
  t.is(files.length, 6);
  t.deepEqual(files, [...files].sort());
  t.true(files.includes(join(dir, 'topology-only.yaml')));
  t.true(files.includes('scenarios/mtu-paper.yaml'));
});

test('a path that does not exist is bad input', (t) => {
  const e = t.throws(() => findScenarioFiles(['scenarios', 'no/such/folder']), { instanceOf: InputError });
  t.is(e?.message, 'no/such/folder: no such file or folder');
});

test('a bad file becomes its own entry with file, line and key; the others load', (t) => {
  const dir = tree();
  const entries = loadEntries(findScenarioFiles([dir]));
  t.deepEqual(entries.map((e) => [entryName(e), e.kind]), [['b-ports', 'scenario'], ['d-broken', 'bad'], ['c-bad-profile', 'bad'], ['a-mtu', 'scenario']]);
  const bad = entries[2] as Extract<SuiteEntry, { kind: 'bad' }>;
  t.regex(bad.message, /^.*c-bad-profile\.yaml:8 traffic\[0\]\.profile: no profile "web-myspace" \(profiles: base, /);
  t.like(bad, { key: 'traffic[0].profile', location: { line: 8 }, tags: ['ports'] });
  const broken = entries[1] as Extract<SuiteEntry, { kind: 'bad' }>;
  t.regex(broken.message, /d-broken\.yaml:3: not valid YAML: /);
  t.is(broken.tags, undefined);
});

test('--tag mtu selects the shipped MTU scenarios', (t) => {
  const selected = selectByTags(loadEntries(shipped), ['mtu']).map(entryName);
  // Every shipped mtu-*.yaml, and nothing else.
  t.deepEqual(selected, shipped.filter((f) => /\/mtu-[^/]+\.yaml$/.test(f)).map((f) => f.replace(/^.*\/(.*)\.yaml$/, '$1')));
  t.true(selected.length >= 7);
});

test('several tags select the scenarios that carry any of them', (t) => {
  const selected = selectByTags(loadEntries(shipped), ['sharing', 'scale']).map(entryName);
  t.deepEqual(selected, ['campus-100', 'seed-2010-sharing']);
  t.is(selectByTags(loadEntries(shipped), []).length, shipped.length);
});

test('a bad file is selected by the tags it declares, and always when they cannot be read', (t) => {
  const entries = loadEntries(findScenarioFiles([tree()]));
  t.deepEqual(selectByTags(entries, ['mtu']).map(entryName), ['d-broken', 'a-mtu']);
  t.deepEqual(selectByTags(entries, ['ports']).map(entryName), ['b-ports', 'd-broken', 'c-bad-profile']);
});
