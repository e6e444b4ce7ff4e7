import test from 'node:test';
import assert from 'node:assert/strict';
import {validateParam} from '../../source/ui/validate-param.js';
import type {ParamSpec} from '../../source/runbook/types.js';
import {params} from '../fixtures/ui/runbook.js';

const withPattern: ParamSpec = {
  id: 'ns',
  type: 'string',
  label: {en: 'ns', ja: 'ns'},
  pattern: '^[a-z0-9-]+$',
};
const optional: ParamSpec = {...withPattern, optional: true};

const cases: ReadonlyArray<
  readonly [ParamSpec | undefined, string, ReturnType<typeof validateParam>]
> = [
  [params['manager'], '192.168.123.202', undefined],
  [params['manager'], '192.168.123.256', {error: 'ip'}],
  [params['manager'], 'node2', {error: 'ip'}],
  // IPv6 is an address to the engine too: the prompt must not refuse what the engine accepts.
  [params['manager'], 'fd00::202', undefined],
  [params['manager'], '', {error: 'required'}],
  [params['gitlabUrl'], 'https://gitlab.example.com/', undefined],
  [params['gitlabUrl'], 'gitlab.example.com', {error: 'url'}],
  [params['gitlabUrl'], 'ftp://gitlab.example.com/', {error: 'url'}],
  [params['memory'], '4096', undefined],
  [params['memory'], '4k', {error: 'integer'}],
  [params['memory'], '1024', {error: 'range', range: true}],
  [params['memory'], '9000', {error: 'range', range: true}],
  [params['era'], 'current', undefined],
  [params['era'], 'latest', {error: 'choice'}],
  [withPattern, 'gitlab-runner', undefined],
  [withPattern, 'GitLab Runner', {error: 'pattern'}],
  [optional, '', undefined],
];

for (const [param, value, expected] of cases) {
  test(`judges ${JSON.stringify(value)} for a ${param?.type} parameter as ${expected?.error ?? 'fine'}`, () => {
    assert.ok(param);
    assert.deepEqual(validateParam(param, value), expected);
  });
}
