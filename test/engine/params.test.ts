import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createParamResolver} from '../../source/engine/params.js';
import {checkParamValue} from '../../source/engine/param-value.js';
import {createEventBus} from '../../source/engine/event-bus.js';
import type {EngineEvent} from '../../source/engine/events.js';
import type {ParamSources} from '../../source/engine/engine-api.js';
import {createRedactor} from '../../source/secrets/redact.js';
import type {StateStore} from '../../source/state/store.js';
import type {ProfileState} from '../../source/state/types.js';
import type {ParamSpec, Runbook} from '../../source/runbook/types.js';
import {scriptedPrompter} from './helpers.js';

const label = {en: 'X', ja: 'X'};
const spec = (id: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({
  id,
  type: 'string',
  label,
  ...extra,
});

function memoryStore(params: ProfileState['params'] = {}): StateStore {
  let state: ProfileState = {
    schemaVersion: 1,
    runbookId: 'r',
    params,
    steps: {},
    branches: {},
    target: 'real',
    createdAt: '',
    updatedAt: '',
  };
  return {
    get: () => state,
    update(change) {
      state = change(state);
      return state;
    },
  };
}

function resolver(
  params: readonly ParamSpec[],
  sources: ParamSources,
  saved: ProfileState['params'] = {},
  assumeYes = true,
) {
  const events: EngineEvent[] = [];
  const bus = createEventBus((event) => event);
  bus.subscribe((event) => events.push(event));
  const store = memoryStore(saved);
  const runbook: Runbook = {
    id: 'r',
    version: 1,
    title: label,
    summary: label,
    params,
    steps: [],
    file: '',
    assetsDir: '',
  };
  const resolve = createParamResolver({
    runbook,
    sources,
    store,
    prompter: scriptedPrompter({params: {x: 'from-prompt'}}),
    assumeYes,
    bus,
    redactor: createRedactor(),
  });
  return {resolve, events, store};
}

test('takes each value from the strongest source: flag, file, environment, state, default, prompt', async () => {
  const cases: readonly [ParamSources, ProfileState['params'], boolean, string, string][] = [
    [{set: {x: 'flag'}, file: {x: 'file'}, env: {X: 'env'}}, {x: 'state'}, true, 'flag', 'flag'],
    [{set: {}, file: {x: 'file'}, env: {X: 'env'}}, {x: 'state'}, true, 'file', 'file'],
    [{set: {}, env: {X: 'env'}}, {x: 'state'}, true, 'env', 'env'],
    [{set: {}, env: {}}, {x: 'state'}, true, 'state', 'state'],
    [{set: {}, env: {}}, {}, true, 'default', 'default'],
    [{set: {}, env: {X: ''}}, {}, false, 'from-prompt', 'prompt'],
  ];
  for (const [sources, saved, withDefault, value, from] of cases) {
    const {resolve, events} = resolver(
      [spec('x', {env: 'X', ...(withDefault ? {default: 'default'} : {})})],
      sources,
      saved,
      from !== 'prompt',
    );
    await resolve.resolve(['x']);
    assert.deepEqual(
      [resolve.values()['x'], events],
      [value, [{type: 'param-resolved', paramId: 'x', from}]],
    );
  }
});

test('saves values to the state, but never a secret', async () => {
  const {resolve, store} = resolver([spec('x'), spec('pw', {type: 'secret', env: 'PW'})], {
    set: {x: 'kept'},
    env: {PW: 'hunter2-long'},
  });
  await resolve.resolve(['x', 'pw']);
  assert.deepEqual(store.get().params, {x: 'kept'});
  assert.deepEqual(resolve.secrets(), {pw: 'hunter2-long'});
});

test('refuses a wrong value from a flag, naming where it came from', async () => {
  const {resolve} = resolver([spec('n', {type: 'integer', max: 9})], {set: {n: '12'}, env: {}});
  await assert.rejects(resolve.resolve(['n']), {
    message: 'parameter `n` from --set: must be at most 9',
  });
});

const values: readonly [ParamSpec, string, ReturnType<typeof checkParamValue>][] = [
  [spec('a', {type: 'integer', min: 1}), '3', {ok: true, value: 3}],
  [spec('a', {type: 'integer'}), '3.5', {ok: false, message: 'must be a whole number'}],
  [spec('a', {type: 'boolean'}), 'yes', {ok: true, value: true}],
  [spec('a', {type: 'boolean'}), 'maybe', {ok: false, message: 'must be true or false'}],
  [
    spec('a', {type: 'choice', choices: ['cluster-admin', 'psp-grant']}),
    'psp-grant',
    {ok: true, value: 'psp-grant'},
  ],
  [
    spec('a', {type: 'choice', choices: ['cluster-admin', 'psp-grant']}),
    'psp',
    {ok: false, message: 'must be one of: cluster-admin, psp-grant'},
  ],
  [
    spec('a', {type: 'url'}),
    'https://gitlab.example.com/',
    {ok: true, value: 'https://gitlab.example.com/'},
  ],
  [
    spec('a', {type: 'url'}),
    'gitlab.example.com',
    {ok: false, message: 'must be an http:// or https:// URL'},
  ],
  [spec('a', {type: 'ip'}), '192.168.123.202', {ok: true, value: '192.168.123.202'}],
  [spec('a', {type: 'ip'}), '192.168.123.999', {ok: false, message: 'must be an IP address'}],
  [
    spec('a', {pattern: '^[a-z-]+$', patternMessage: {en: 'lowercase and -', ja: '小文字'}}),
    'Bad',
    {ok: false, message: 'lowercase and -'},
  ],
  [spec('a', {type: 'secret'}), ' spaced pw ', {ok: true, value: ' spaced pw '}],
];

for (const [param, raw, expected] of values) {
  test(`checks a ${param.type} value ${JSON.stringify(raw)}`, () => {
    assert.deepEqual(checkParamValue(param, raw), expected);
  });
}
