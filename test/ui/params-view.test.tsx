import test, {after} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import type {ParamInfo} from '../../source/engine/param-info.js';
import type {Lang} from '../../source/i18n/text.js';
import {params, uiRunbook} from '../fixtures/ui/runbook.js';
import {fakeEngine, record} from './helpers/fake-engine.js';
import {renderApp} from './helpers/app.js';
import {cleanupMounted, keys, waitFor} from './helpers/render.js';

after(cleanupMounted);

const spec = (name: string) => {
  const found = params[name];
  assert.ok(found);
  return found;
};

const infos: readonly ParamInfo[] = [
  {
    spec: spec('manager'),
    value: '192.168.123.202',
    isSet: true,
    origin: 'default',
    usedBy: [{stepId: 'vms', kind: 'action', status: 'done', locks: true}],
  },
  {
    spec: spec('gitlabUrl'),
    value: 'https://gitlab.example.com/',
    isSet: true,
    origin: 'flag',
    usedBy: [{stepId: 'runner-install', kind: 'action', status: 'pending', locks: false}],
  },
  {spec: spec('memory'), value: 4096, isSet: true, origin: 'state', usedBy: []},
  {spec: spec('era'), value: undefined, isSet: false, origin: 'unset', usedBy: []},
  {
    spec: spec('password'),
    value: undefined,
    isSet: true,
    origin: 'env',
    usedBy: [{stepId: 'mke-install', kind: 'action', status: 'pending', locks: false}],
  },
];

type EngineOptions = Partial<Parameters<typeof fakeEngine>[0]>;

/** The app on the steps screen (the resume screen closed), with the parameters view open. */
async function openParams(
  options: EngineOptions = {},
  size: {columns?: number; rows?: number; lang?: Lang} = {},
) {
  const engine = fakeEngine({
    runbook: uiRunbook,
    records: {vms: record('done')},
    params: infos,
    ...options,
  });
  const app = renderApp(engine, size);
  await waitFor(() => assert.match(app.screen().at(-1) ?? '', /Esc/));
  app.press(keys.escape);
  await waitFor(() => assert.match(app.screen().at(-1) ?? '', /^j\/k/));
  app.press('p');
  await waitFor(() => assert.match(app.screen()[2] ?? '', /^(Parameters|パラメーター) {2}1\/5/));
  return {engine, app};
}

const header = 'GitLab Runner on MKE                        profile: workshop  [SIMULATED]  M:SS';
const progress = '[########..................................................................] 1/9';
const blank = (n: number) => Array.from({length: n}, () => '');

test('p lists every parameter with its value in use and where it comes from; Esc closes it', async () => {
  const {app} = await openParams();
  assert.deepEqual(app.screen(), [
    header,
    progress,
    'Parameters  1/5',
    '› ✓ Manager address                  192.168.123.202              default',
    '    GitLab URL                       https://gitlab.example.com/  --set',
    '    Memory (MiB)                     4096                         saved',
    '    Chart era                        -                            not set yet',
    '    MKE admin password               ••••                         environment',
    '✓ a step already done was built with it',
    '-'.repeat(80),
    'Manager address  (manager_address)',
    "The runbook's default.",
    'Used by: Create the VMs (done)',
    'Cannot change it here: already used by Create the VMs.',
    'To change it: undo (u on the step), or quit and run `mke-runbook reset --step',
    'vms` (this forgets progress only; what was built stays), then change it here and',
    'run the step again.',
    ...blank(5),
    'j/k select  Enter change  Esc back  L 日本語  q quit',
  ]);
  app.press('j');
  await waitFor(() => {
    assert.equal(
      app.screen()[4],
      '›   GitLab URL                       https://gitlab.example.com/  --set',
    );
    assert.deepEqual(app.screen().slice(10, 13), [
      'GitLab URL  (gitlab_url)',
      'Given with --set on the command line.',
      'Used by: Install GitLab Runner (pending)',
    ]);
  });
  app.press(keys.escape);
  await waitFor(() => assert.match(app.screen()[2] ?? '', /^› - Preflight checks/));
  app.unmount();
});

test('a secret shows as •••• or not set, never its value, even after it is typed here', async () => {
  const unset = infos.map((info) =>
    info.spec.type === 'secret' ? {...info, isSet: false, origin: 'unset' as const} : info,
  );
  const {engine, app} = await openParams({params: unset});
  assert.equal(
    app.screen()[7],
    '    MKE admin password               -                            not set yet',
  );
  app.press('jjjj');
  app.press(keys.enter);
  await waitFor(() => assert.match(app.lastFrame(), /MKE admin password/));
  await waitFor(() => assert.match(app.lastFrame(), /Question/));
  app.press('hunter2-Secret');
  await waitFor(() => assert.match(app.lastFrame(), /› ••••••••••••••/));
  app.press(keys.enter);
  await waitFor(() => assert.match(app.screen().at(-1) ?? '', /MKE admin password: changed\./));
  assert.deepEqual(engine.calls.slice(-1), ['setParam admin_password hunter2-Secret']);
  assert.equal(
    app.screen()[7],
    '›   MKE admin password               ••••                         saved',
  );
  assert.equal(
    app.frames.some((frame) => frame.includes('hunter2')),
    false,
  );
  app.unmount();
});

test('Enter changes a value through its question, opened on the value in use; the pane shows it', async () => {
  let url = 'https://gitlab.example.com/';
  const {engine, app} = await openParams({
    setParam(id, value) {
      if (value === 'https://refused.example/') return {ok: false, message: 'not this one'};
      if (id === 'gitlab_url') url = value;
      return {ok: true, value};
    },
    fillText: (text) => (text === 'Finds the tools.' ? `Finds the tools; GitLab at ${url}` : text),
  });
  app.press('j');
  app.press(keys.enter);
  await waitFor(() => assert.match(app.lastFrame(), /› https:\/\/gitlab\.example\.com\//));
  app.press('\u0015');
  app.press('https://refused.example/');
  app.press(keys.enter);
  // The engine's refusal asks again, with its reason.
  await waitFor(() => assert.match(app.lastFrame(), /✗ not this one/));
  app.press('\u0015');
  app.press('https://gitlab.workshop.lan/');
  app.press(keys.enter);
  await waitFor(() => {
    assert.equal(
      app.screen()[4],
      '›   GitLab URL                      https://gitlab.workshop.lan/  saved',
    );
    assert.equal(app.screen().at(-1), 'GitLab URL: changed.');
  });
  assert.deepEqual(
    engine.calls.filter((call) => call.startsWith('setParam')),
    [
      'setParam gitlab_url https://refused.example/',
      'setParam gitlab_url https://gitlab.workshop.lan/',
    ],
  );
  app.press(keys.escape);
  await waitFor(() =>
    assert.ok(app.screen().includes('Finds the tools; GitLab at https://gitlab.workshop.lan/')),
  );
  app.unmount();
});

test('Esc in the question changes nothing', async () => {
  const {engine, app} = await openParams();
  app.press('jj');
  app.press(keys.enter);
  await waitFor(() => assert.match(app.lastFrame(), /› 4096/));
  app.press('1');
  app.press(keys.escape);
  await waitFor(() => assert.match(app.screen()[2] ?? '', /^Parameters/));
  assert.equal(
    app.screen()[5],
    '›   Memory (MiB)                     4096                         saved',
  );
  assert.equal(
    engine.calls.some((call) => call.startsWith('setParam')),
    false,
  );
  app.unmount();
});

test('a move and Enter in one read change the parameter moved to', async () => {
  const {app} = await openParams();
  app.press('jj\r');
  await waitFor(() => assert.match(app.lastFrame(), /Memory \(MiB\)\n(.*\n)?.*› 4096/));
  app.unmount();
});

test('a value a done step was built with is not asked for: the view says which step and how to redo it', async () => {
  const {engine, app} = await openParams();
  app.press(keys.enter);
  await waitFor(() =>
    assert.equal(
      app.screen().at(-1),
      'Not changed: Cannot change it here: already used by Create the VMs.',
    ),
  );
  assert.doesNotMatch(app.lastFrame(), /Question/);
  assert.equal(
    engine.calls.some((call) => call.startsWith('setParam')),
    false,
  );
  app.unmount();
});

test('speaks Japanese, and fits 60 columns', async () => {
  const {app} = await openParams({}, {columns: 60, rows: 24, lang: 'ja'});
  const screen = app.screen();
  assert.deepEqual(screen.slice(2, 16), [
    'パラメーター  1/5',
    '› ✓ マネージャーのアドレ… 192.168.123.202        既定値',
    '    GitLab の URL         https://gitlab.exampl… --set',
    '    メモリ (MiB)          4096                   保存済み',
    '    チャートの世代        -                      未設定',
    '    MKE 管理者パスワード  ••••                   環境変数',
    '✓ 完了済みの手順がこの値で作られています',
    '-'.repeat(60),
    'マネージャーのアドレス  (manager_address)',
    'Runbook の既定値です。',
    '使う手順: VM を作成 (完了)',
    'ここでは変更できません。使用済み: VM を作成。',
    '変更するには、手順を元に戻す (手順で u) か、終了して',
    '`mke-runbook reset --step vms` を実行し(進捗だけを忘れ、作っ',
  ]);
  for (const row of screen) assert.ok(stringWidth(row) <= 60, row);
  app.unmount();
});
