import test, {after} from 'node:test';
import assert from 'node:assert/strict';
import {params, uiRunbook} from '../fixtures/ui/runbook.js';
import {fakeEngine, record} from './helpers/fake-engine.js';
import {renderApp} from './helpers/app.js';
import {cleanupMounted, waitFor} from './helpers/render.js';

after(cleanupMounted);

const header = {
  en: 'GitLab Runner on MKE                        profile: workshop  [SIMULATED]  M:SS',
  ja: 'MKE で GitLab Runner            プロファイル: workshop  [シミュレーション]  M:SS',
};
const empty = '[..........................................................................] 0/9';
const blank = (n: number) => Array.from({length: n}, () => '');

const helpFrames = {
  en: [
    header.en,
    empty,
    'Keys                                     Marks',
    '↑↓ j k     select                        -  pending',
    'Enter      run                           ⠋  running',
    'r          retry                         ✓  done',
    's          skip                          ✦  verified',
    'u          undo                          ~  drifted',
    'l          log                           *  found in place',
    'd          details                       ?  unknown',
    'D          diagnosis                     ✗  failed',
    'p          parameters                    >  skipped',
    'x Ctrl-C   cancel                        !  interrupted',
    'L          日本語',
    '?          help',
    'q          quit',
    'Esc        back',
    'PgUp PgDn  page',
    'g G        top/end',
    '/ n N      find',
    ...blank(2),
    'Esc back  L 日本語  q quit',
  ],
  ja: [
    header.ja,
    empty,
    'キー操作                                 記号',
    '↑↓ j k     選択                          -  未実行',
    'Enter      実行                          ⠋  実行中',
    'r          再試行                        ✓  完了',
    's          スキップ                      ✦  確認済み',
    'u          元に戻す                      ~  変化あり',
    'l          ログ                          *  既に存在',
    'd          詳細                          ?  不明',
    'D          診断                          ✗  失敗',
    'p          パラメーター                  >  スキップ',
    'x Ctrl-C   中止                          !  中断',
    'L          English',
    '?          ヘルプ',
    'q          終了',
    'Esc        戻る',
    'PgUp PgDn  ページ',
    'g G        先頭/末尾',
    '/ n N      検索',
    ...blank(2),
    'Esc 戻る  L English  q 終了',
  ],
};

for (const lang of ['en', 'ja'] as const) {
  test(`lists every key and every status mark in the help overlay at 80×24 (${lang})`, async () => {
    const app = renderApp(fakeEngine({runbook: uiRunbook}), {lang});
    app.press('?');
    await waitFor(() => {
      assert.deepEqual(app.screen(), helpFrames[lang]);
    });
    app.unmount();
  });
}

const resumeOptions = {
  runbook: uiRunbook,
  records: {
    preflight: record('done', 4),
    vms: record('done', 302),
    'mke-install': record('done', 1180),
    kubeconfig: record('pending', 3),
  },
  report: {
    steps: [
      {stepId: 'preflight', verdict: 'pending', detail: 'always runs again'},
      {stepId: 'vms', verdict: 'verified', detail: 'node1..node3 running'},
      {
        stepId: 'mke-install',
        verdict: 'drifted',
        detail: 'MKE does not answer on 192.168.123.202',
      },
      {stepId: 'kubeconfig', verdict: 'found-in-place', detail: 'a kubeconfig reaches the API'},
      {stepId: 'runner-install', verdict: 'unknown', detail: 'helm timed out'},
    ],
    proposedStepId: 'mke-install',
    durationMs: 800,
  },
} satisfies Parameters<typeof fakeEngine>[0];
const resumeEngine = () => fakeEngine(resumeOptions);

const partly = '[#########################.................................................] 3/9';
const resumeFrames = {
  en: [
    header.en,
    partly,
    'Welcome back: where things stand',
    '  - Preflight checks      pending        always runs again',
    '  ✦ Create the VMs        verified       node1..node3 running',
    '› ~ Install MKE           drifted        MKE does not answer on 192.168.123.2…',
    '  * Client bundle         found in place a kubeconfig reaches the API',
    '  ? Install GitLab Runner unknown        helm timed out',
    '    Run a CI job',
    '    Diagnose',
    '    Remediation',
    '    Verify',
    'Continue at: Install MKE',
    'Enter continue there · Esc look around first',
    ...blank(8),
    'Esc back  L 日本語  q quit',
  ],
  ja: [
    header.ja,
    partly,
    'おかえりなさい: 現在の状況',
    '  - 事前確認                     未実行   always runs again',
    '  ✦ VM を作成                    確認済み node1..node3 running',
    '› ~ MKE をインストール           変化あり MKE does not answer on 192.168.123.…',
    '  * クライアントバンドル         既に存在 a kubeconfig reaches the API',
    '  ? GitLab Runner をインストール 不明     helm timed out',
    '    CI ジョブを実行',
    '    診断',
    '    対処',
    '    確認',
    '再開位置: MKE をインストール',
    'Enter ここから再開 · Esc まず見る',
    ...blank(8),
    'Esc 戻る  L English  q 終了',
  ],
};

for (const lang of ['en', 'ja'] as const) {
  test(`shows what reconcile found per step and where it proposes to continue (${lang})`, async () => {
    const engine = resumeEngine();
    const app = renderApp(engine, {lang});
    await waitFor(() => {
      assert.deepEqual(app.screen(), resumeFrames[lang]);
    });
    assert.deepEqual(engine.calls, ['reconcile']);
    app.unmount();
  });
}

test('continues at the proposed step when Enter is pressed on the resume screen', async () => {
  const engine = resumeEngine();
  const app = renderApp(engine);
  await waitFor(() => {
    assert.match(app.lastFrame(), /Continue at: Install MKE/);
  });
  app.press('\r');
  await waitFor(() => {
    assert.deepEqual(engine.calls, ['reconcile', 'runStep mke-install']);
  });
  app.unmount();
});

test('the Enter that continues from the resume screen does not answer the question it asks at once', async () => {
  let asked: Promise<string> | undefined;
  const engine = fakeEngine({
    ...resumeOptions,
    runStep: async () => {
      // The step needs a parameter: asked in the same tick as the Enter that started it.
      asked = app.prompter.askParam(params['password']!);
      await asked;
      return 'done';
    },
  });
  const app = renderApp(engine);
  await waitFor(() => {
    assert.match(app.lastFrame(), /Continue at: Install MKE/);
  });
  app.press('\r');
  await waitFor(() => {
    assert.match(app.lastFrame(), /MKE admin password/);
  });
  assert.doesNotMatch(app.lastFrame(), /A value is required/);
  app.press('adminadmin\r');
  assert.equal(await asked, 'adminadmin');
  app.unmount();
});

test('starts on the step list, not the resume screen, for a new profile', async () => {
  const app = renderApp(fakeEngine({runbook: uiRunbook}));
  await waitFor(() => {
    assert.deepEqual(app.screen(), [
      header.en,
      empty,
      '› - Preflight checks                                                         ~5s',
      '  - Create the VMs                                                           ~5m',
      '  - Install MKE                                                             ~20m',
      '  - Client bundle                                                           ~10s',
      '  - Install GitLab Runner                                                    ~1m',
      '  - Run a CI job                                                             ~2m',
      '  - Diagnose                                                                 ~1s',
      '  - Remediation                                                             ~10s',
      '  - Verify                                                                   ~2m',
      '-'.repeat(80),
      'Preflight checks',
      'Finds the tools.',
      ...blank(8),
      'j/k select  Enter run  l log  d details  p parameters  L 日本語  ? help  q quit',
    ]);
  });
  app.unmount();
});

test('puts the lab topology beside the steps on a 200×60 screen and stays shorter than the terminal', async () => {
  const app = renderApp(fakeEngine({runbook: uiRunbook}), {columns: 200, rows: 60});
  await waitFor(() => {
    const screen = app.screen();
    assert.equal(
      screen[2],
      '› - Preflight checks                                         ~5s  Preflight checks',
    );
    assert.deepEqual(screen.slice(12, 16), [
      'Lab',
      '- node1 192.168.123.201  client  not up',
      '- node2 192.168.123.202  manager  not up',
      '- node3 192.168.123.203  worker  not up',
    ]);
  });
  assert.ok(app.lastFrame().split('\n').length < 60);
  app.unmount();
});

test('redraws for the new size when the terminal is resized', async () => {
  const app = renderApp(fakeEngine({runbook: uiRunbook}), {columns: 200, rows: 60});
  await waitFor(() => {
    assert.match(app.lastFrame(), /node2 192\.168\.123\.202/);
  });
  app.resize(80, 24);
  await waitFor(() => {
    const screen = app.screen();
    assert.equal(
      screen[2],
      '› - Preflight checks                                                         ~5s',
    );
    assert.ok(screen.length <= 23);
    assert.doesNotMatch(app.lastFrame(), /node2/);
  });
  app.unmount();
});

test("shows a step's text with this run's values where it names a parameter, in the pane and the details", async () => {
  const [first, ...rest] = uiRunbook.steps;
  assert.ok(first?.kind === 'action');
  const runbook = {
    ...uiRunbook,
    steps: [
      {
        ...first,
        text: {
          en: 'Allows {{ params.host_only_cidr }}.',
          ja: '{{ params.host_only_cidr }} を許可。',
        },
      },
      ...rest,
    ],
  };
  const engine = fakeEngine({
    runbook,
    fillText: (text) => text.replaceAll('{{ params.host_only_cidr }}', '10.20.0.0/16'),
  });
  const app = renderApp(engine);
  await waitFor(() => {
    assert.equal(app.screen()[13], 'Allows 10.20.0.0/16.');
  });
  app.press('d');
  await waitFor(() => {
    assert.deepEqual(app.screen().slice(2, 4), ['Preflight checks', 'Allows 10.20.0.0/16.']);
    // j/k scroll the details; the selection stays.
    assert.equal(app.screen().at(-1), 'j/k scroll  PgUp/PgDn page  Esc back  L 日本語  q quit');
  });
  app.unmount();
});

test('keeps what reconcile found readable on a 60-column terminal: the titles give way', async () => {
  const app = renderApp(resumeEngine(), {columns: 60});
  await waitFor(() => {
    assert.deepEqual(app.screen().slice(3, 8), [
      '  - Preflight checks   pending        always runs again',
      '  ✦ Create the VMs     verified       node1..node3 running',
      '› ~ Install MKE        drifted        MKE does not answer…',
      '  * Client bundle      found in place a kubeconfig reache…',
      '  ? Install GitLab Ru… unknown        helm timed out',
    ]);
  });
  app.unmount();
});

test('says how much of a long step text the pane leaves out, and where to read it', async () => {
  const [first, ...rest] = uiRunbook.steps;
  assert.ok(first?.kind === 'action');
  const long = Array.from({length: 16}, (_, i) => `Sentence ${i + 1} of the text.`).join(' ');
  const runbook = {...uiRunbook, steps: [{...first, text: {en: long, ja: long}}, ...rest]};
  const app = renderApp(fakeEngine({runbook}), {columns: 40, rows: 24});
  await waitFor(() => {
    const screen = app.screen();
    assert.deepEqual(screen.slice(13, 24), [
      'Preflight checks',
      'Sentence 1 of the text. Sentence 2 of',
      'the text. Sentence 3 of the text.',
      'Sentence 4 of the text. Sentence 5 of',
      'the text. Sentence 6 of the text.',
      'Sentence 7 of the text. Sentence 8 of',
      'the text. Sentence 9 of the text.',
      'Sentence 10 of the text. Sentence 11 of',
      'the text. Sentence 12 of the text.',
      '… 3 more lines: d details',
      'j/k select Enter run l log d p L ? q',
    ]);
  });
  app.unmount();
});
