import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdir, readFile} from 'node:fs/promises';
import {parse as parseYaml} from 'yaml';
import {parse as parseToml} from 'smol-toml';
import {editRunnerValues, tokenKeyFor, tokenKind} from '../../source/procedure/runner-values.js';
import {unifiedDiff} from '../../source/procedure/unified-diff.js';

// The chart's real 0.86.0 values.yaml, as the lab ships it (a copy of the reference file).
const current = await readFile(
  new URL('../../assets/lab/chart/gitlab-runner-0.86.0-values.yaml', import.meta.url),
  'utf8',
);
const era2021 = await readFile(
  new URL('../fixtures/procedure/gitlab-runner-0.33-values.yaml', import.meta.url),
  'utf8',
);

const change = {
  gitlabUrl: 'https://gitlab.example.com/',
  tokenKey: 'runnerRegistrationToken',
  secretName: 'gitlab-runner-token',
  rbacCreate: true,
  privileged: true,
} as const;

function record(value: unknown): Record<string, unknown> {
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value));
  return Object.fromEntries(Object.entries(value));
}

function commentLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim().startsWith('#'));
}

for (const [era, original] of [
  ['2021 (0.33)', era2021],
  ['current (0.86.0)', current],
] as const) {
  test(`applies the article's four changes to the ${era} chart values`, () => {
    const edited = editRunnerValues(original, change);
    const values = record(parseYaml(edited));
    assert.equal(values['gitlabUrl'], 'https://gitlab.example.com/');
    assert.equal(record(values['rbac'])['create'], true);
    const runners = record(values['runners']);
    assert.equal(runners['secret'], 'gitlab-runner-token');
    const config = runners['config'];
    assert.equal(typeof config, 'string');
    const toml = record(parseToml(String(config)));
    const first = record((toml['runners'] as unknown[])[0]);
    assert.equal(record(first['kubernetes'])['privileged'], true);
    assert.doesNotMatch(
      edited,
      /^\s*(?:runnerRegistrationToken|runnerToken):/m,
      'no token key is written',
    );
  });

  test(`keeps every comment line of the ${era} values file except the templates it fills in`, () => {
    const edited = editRunnerValues(original, change);
    const kept = new Set(commentLines(edited));
    const filled = /^\s*# ?(gitlabUrl|secret|create):/;
    const lost = commentLines(original).filter((line) => !kept.has(line) && !filled.test(line));
    assert.deepEqual(lost, []);
  });

  test(`changes only the lines it must in the ${era} file`, () => {
    const diff = unifiedDiff(
      'values.yaml.orig',
      'values.yaml',
      original,
      editRunnerValues(original, change),
    );
    const removed = diff
      .split('\n')
      .filter((line) => line.startsWith('-') && !line.startsWith('---'));
    const added = diff
      .split('\n')
      .filter((line) => line.startsWith('+') && !line.startsWith('+++'));
    assert.ok(removed.length <= 4, diff);
    assert.ok(added.includes('+        privileged = true'), diff);
    assert.ok(added.includes('+gitlabUrl: "https://gitlab.example.com/"'), diff);
  });

  test(`gives the same file when applied twice to the ${era} values`, () => {
    const once = editRunnerValues(original, change);
    assert.equal(editRunnerValues(once, change), once);
  });
}

test('reproduces the article’s diff on the 2021 values', () => {
  const diff = unifiedDiff(
    'values.yaml.orig',
    'values.yaml',
    era2021,
    editRunnerValues(era2021, {...change, secretName: undefined}),
  );
  const changed = diff.split('\n').filter((line) => /^[+-][^+-]/.test(line));
  assert.deepEqual(changed, [
    '-# gitlabUrl: http://gitlab.your-domain.com/',
    '+gitlabUrl: "https://gitlab.example.com/"',
    '-  create: false',
    '+  create: true',
    '+        privileged = true',
  ]);
});

test('sets serviceAccount.create on the current chart, where that block exists', () => {
  const values = record(parseYaml(editRunnerValues(current, change)));
  if (current.includes('\nserviceAccount:'))
    assert.equal(record(values['serviceAccount'])['create'], true);
  assert.equal(record(parseYaml(editRunnerValues(era2021, change)))['serviceAccount'], undefined);
});

test('rewrites an existing privileged line instead of adding a second one', () => {
  const original = era2021.replace(
    'image = "ubuntu:16.04"',
    'image = "ubuntu:16.04"\n        privileged = false',
  );
  const edited = editRunnerValues(original, change);
  assert.equal(edited.match(/privileged = /g)?.length, 1);
  assert.ok(edited.includes('        privileged = true'));
});

test('refuses a values file that does not parse', () => {
  assert.throws(() => editRunnerValues('a: [\n', change), /does not parse/);
});

const tokens = [
  ['glrt-abcdefghijklmnopqrst', 'authentication', 'runnerToken'],
  ['GR1348941abcdefghijklmnopq', 'registration', 'runnerRegistrationToken'],
  ['abcdefghijklmnopqrst', 'registration', 'runnerRegistrationToken'],
] as const;

for (const [token, kind, key] of tokens) {
  test(`takes ${token.slice(0, 5)}… for a ${kind} token (${key})`, () => {
    assert.equal(tokenKind(token), kind);
    assert.equal(tokenKeyFor(token), key);
  });
}

test('edits every values file the simulated lab’s charts serve', async () => {
  const directory = new URL('../../assets/lab/chart/', import.meta.url);
  const files = (await readdir(directory).catch(() => [])).filter((name) =>
    /values.*\.ya?ml$/.test(name),
  );
  for (const name of files) {
    const original = await readFile(new URL(name, directory), 'utf8');
    const values = record(parseYaml(editRunnerValues(original, change)));
    assert.equal(values['gitlabUrl'], change.gitlabUrl, name);
    assert.equal(record(values['rbac'])['create'], true, name);
    assert.equal(record(values['runners'])['secret'], change.secretName, name);
    assert.match(String(record(values['runners'])['config']), /^\s*privileged = true$/m, name);
  }
});

test('sets the flat runners.privileged key on charts older than the runners.config template', () => {
  const old =
    'gitlabUrl: ""\nrbac:\n  create: false\nrunners:\n  ## Run all containers with the privileged flag enabled\n  privileged: false\n  image: ubuntu:16.04\n';
  const values = record(parseYaml(editRunnerValues(old, {...change, secretName: undefined})));
  assert.deepEqual(values, {
    gitlabUrl: 'https://gitlab.example.com/',
    rbac: {create: true},
    runners: {privileged: true, image: 'ubuntu:16.04'},
  });
});

test('says which change it could not make when the TOML has no [runners.kubernetes] table', () => {
  const broken = era2021.replace('[runners.kubernetes]', '[runners.docker]');
  assert.throws(() => editRunnerValues(broken, change), /could not set privileged/);
});
