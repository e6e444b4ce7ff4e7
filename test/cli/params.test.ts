import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {paramSources} from '../../source/cli/params.js';
import {RunbookError} from '../../source/engine/errors.js';
import {exampleRunbook} from '../report/fixture-runbook.js';

test('refuses a secret given with --set without repeating its value', async () => {
  await assert.rejects(
    paramSources(exampleRunbook, {set: {token: 'hunter2-value'}, paramsFile: undefined}, {}),
    (error) => {
      assert.ok(error instanceof RunbookError);
      assert.equal(error.code, 'usage');
      assert.match(error.message, /secret parameter `token` cannot be given with --set/);
      assert.equal(error.hint, 'set the environment variable EXAMPLE_TOKEN instead');
      assert.doesNotMatch(`${error.message} ${error.hint ?? ''}`, /hunter2/);
      return true;
    },
  );
});

test('refuses an unknown parameter with a guess', async () => {
  await assert.rejects(
    paramSources(exampleRunbook, {set: {namespac: 'x'}, paramsFile: undefined}, {}),
    (error) => error instanceof RunbookError && /did you mean `namespace`/.test(error.hint ?? ''),
  );
});

test('reads a YAML params file and refuses a secret in it', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mke-runbook-params-'));
  try {
    const good = path.join(dir, 'good.yaml');
    await writeFile(good, 'namespace: ci\n');
    const env = {HOME: '/nowhere'};
    assert.deepEqual(await paramSources(exampleRunbook, {set: {}, paramsFile: good}, env), {
      set: {},
      file: {namespace: 'ci'},
      env,
    });
    const bad = path.join(dir, 'bad.yaml');
    await writeFile(bad, 'token: abc\n');
    await assert.rejects(
      paramSources(exampleRunbook, {set: {}, paramsFile: bad}, env),
      /cannot be given with --params/,
    );
    const list = path.join(dir, 'list.yaml');
    await writeFile(list, '- a\n');
    await assert.rejects(
      paramSources(exampleRunbook, {set: {}, paramsFile: list}, env),
      /must map parameter names/,
    );
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
});

test('refuses a value that does not fit its parameter before anything runs', async () => {
  const runbook = {
    ...exampleRunbook,
    params: [
      ...exampleRunbook.params,
      {id: 'gitlab_url', type: 'url' as const, label: {en: 'GitLab URL', ja: 'GitLab の URL'}},
      {id: 'manager_address', type: 'ip' as const, label: {en: 'Manager', ja: 'マネージャ'}},
    ],
  };
  const cases: Array<[Record<string, string>, RegExp, string]> = [
    [
      {gitlab_url: 'gitlab.example.com'},
      /^parameter `gitlab_url` from --set: must be an http:\/\/ or https:\/\/ URL$/,
      'give a valid value with --set gitlab_url=…',
    ],
    [
      {manager_address: '300.1.1.1'},
      /^parameter `manager_address` from --set: must be an IP address$/,
      'give a valid value with --set manager_address=…',
    ],
  ];
  for (const [set, message, hint] of cases) {
    await assert.rejects(paramSources(runbook, {set, paramsFile: undefined}, {}), (error) => {
      assert.ok(error instanceof RunbookError);
      assert.equal(error.code, 'usage');
      assert.match(error.message, message);
      assert.equal(error.hint, hint);
      return true;
    });
  }

  assert.deepEqual(
    await paramSources(
      runbook,
      {set: {gitlab_url: 'https://gitlab.example.com/'}, paramsFile: undefined},
      {},
    ),
    {set: {gitlab_url: 'https://gitlab.example.com/'}, env: {}},
  );
});
