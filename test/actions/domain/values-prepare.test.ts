import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {parse} from 'yaml';
import {valuesPrepare, valuesPrepared} from '../../../source/actions/domain/values-prepare.js';
import {fakeContext, fakeFiles} from './fakes.js';

const original = await readFile(
  new URL('../../fixtures/procedure/gitlab-runner-0.33-values.yaml', import.meta.url),
  'utf8',
);
const token = 'GR1348941-legacy-token';
const args = {
  orig: 'values.yaml.orig',
  out: 'values.yaml',
  gitlabUrl: 'https://gitlab.example.com/',
  tokenParam: 'runner_token',
  secretName: 'gitlab-runner-token',
  privileged: true,
  rbacCreate: 'true',
};

test('writes values.yaml with the article changes, shows the diff, and leaves the token out', async () => {
  const files = fakeFiles({'/work/profile/values.yaml.orig': original});
  const {ctx, text} = fakeContext({files: files.port, secrets: {runner_token: token}});
  const result = await valuesPrepare.run(args, ctx);
  assert.deepEqual(result, {
    ok: true,
    outputs: {tokenKind: 'registration', values: '/work/profile/values.yaml'},
    summary: 'wrote /work/profile/values.yaml',
  });
  const written = files.files.get('/work/profile/values.yaml') ?? '';
  const values = parse(written) as {
    gitlabUrl: string;
    rbac: {create: boolean};
    runners: {config: string; secret: string};
  };
  assert.equal(values.gitlabUrl, 'https://gitlab.example.com/');
  assert.equal(values.rbac.create, true);
  assert.equal(values.runners.secret, 'gitlab-runner-token');
  assert.match(values.runners.config, /\[runners\.kubernetes\][^[]*privileged = true/);
  assert.ok(!written.includes(token));
  assert.ok(!text().includes(token));
  assert.match(text(), /^--- values\.yaml\.orig/m);
  assert.match(text(), /^\+\+\+ values\.yaml/m);
  assert.equal((await valuesPrepared.run(args, ctx)).holds, true);
});

test('describe shows the file and its diff without writing', async () => {
  const files = fakeFiles({'/work/profile/values.yaml.orig': original});
  const {ctx} = fakeContext({files: files.port, secrets: {runner_token: token}});
  const plan = await valuesPrepare.describe(args, ctx);
  assert.equal(plan[0]?.kind, 'file');
  assert.match(plan[0]?.kind === 'file' ? (plan[0].diff ?? '') : '', /^\+gitlabUrl: /m);
  assert.equal(files.files.has('/work/profile/values.yaml'), false);
});

test('the probe sees a values.yaml that no longer matches the parameters', async () => {
  const files = fakeFiles({
    '/work/profile/values.yaml.orig': original,
    '/work/profile/values.yaml': original,
  });
  const {ctx} = fakeContext({files: files.port, secrets: {runner_token: token}});
  assert.equal((await valuesPrepared.run(args, ctx)).holds, false);
});

test('says what to do when values.yaml.orig is missing', async () => {
  const {ctx} = fakeContext({secrets: {runner_token: token}});
  const result = await valuesPrepare.run(args, ctx);
  assert.match(
    result.ok ? '' : result.error.message,
    /values\.yaml\.orig does not exist yet: run helm show values first/,
  );
});
