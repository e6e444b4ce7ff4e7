import test from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {StepList} from '../../source/ui/step-list.js';
import {stepRows, type StepRow} from '../../source/ui/step-rows.js';
import {initialUiState, reduceUi} from '../../source/ui/ui-state.js';
import type {DisplayStatusName} from '../../source/ui/strings.js';
import type {EngineEvent} from '../../source/engine/events.js';
import {uiRunbook} from '../fixtures/ui/runbook.js';
import {fakeEngine} from './helpers/fake-engine.js';
import {frameLines} from './helpers/render.js';

const titles = {
  en: [
    'Preflight checks',
    'Create the VMs',
    'Install MKE',
    'Client bundle',
    'Install GitLab Runner',
    'Run a CI job',
    'Diagnose',
    'Remediation',
    'Apply the PSP',
    'Verify',
  ],
  ja: [
    '事前確認',
    'VM を作成',
    'MKE をインストール',
    'クライアントバンドル',
    'GitLab Runner をインストール',
    'CI ジョブを実行',
    '診断',
    '対処',
    'PSP を適用',
    '確認',
  ],
};
const statuses: readonly DisplayStatusName[] = [
  'done',
  'verified',
  'drifted',
  'found',
  'unknown',
  'failed',
  'interrupted',
  'skipped',
  'running',
  'pending',
];
const timings = [
  '4s',
  '5m 02s',
  '19m 40s',
  '~10s',
  '~1m',
  '1m 05s',
  '0s',
  '~10s',
  '12s / ~30s',
  '~2m',
];

function rows(lang: 'en' | 'ja'): StepRow[] {
  return titles[lang].map((title, index) => ({
    id: `s${index}`,
    title,
    depth: index === 8 ? 1 : 0,
    status: statuses[index] ?? 'pending',
    timing: timings[index] ?? '',
    ...(index === 7 ? {branch: lang === 'en' ? 'PSP + MKE grant' : 'PSP + MKE 権限付与'} : {}),
  }));
}

const expected = {
  en: [
    '  ✓ Preflight checks                                      4s',
    '  ✦ Create the VMs                                    5m 02s',
    '  ~ Install MKE                                      19m 40s',
    '  * Client bundle                                       ~10s',
    '› ? Install GitLab Runner                                ~1m',
    '  ✗ Run a CI job                                      1m 05s',
    '  ! Diagnose                                              0s',
    '  > Remediation -> PSP + MKE grant                      ~10s',
    '  ⠋   Apply the PSP                               12s / ~30s',
    '  - Verify                                               ~2m',
  ],
  ja: [
    '  ✓ 事前確認                                              4s',
    '  ✦ VM を作成                                         5m 02s',
    '  ~ MKE をインストール                               19m 40s',
    '  * クライアントバンドル                                ~10s',
    '› ? GitLab Runner をインストール                         ~1m',
    '  ✗ CI ジョブを実行                                   1m 05s',
    '  ! 診断                                                  0s',
    '  > 対処 -> PSP + MKE 権限付与                          ~10s',
    '  ⠋   PSP を適用                                  12s / ~30s',
    '  - 確認                                                 ~2m',
  ],
};

for (const lang of ['en', 'ja'] as const) {
  test(`shows a distinct mark for every status, the branch taken and each timing (${lang})`, () => {
    const {lastFrame, unmount} = render(
      <StepList rows={rows(lang)} selected={4} width={60} height={12} spinnerFrame={0} />,
    );
    assert.deepEqual(frameLines(lastFrame()), expected[lang]);
    unmount();
  });
}

test('keeps the selected row in view when the list is taller than its space', () => {
  const {lastFrame, unmount} = render(
    <StepList rows={rows('en')} selected={9} width={60} height={3} spinnerFrame={3} />,
  );
  assert.deepEqual(frameLines(lastFrame()), [
    '  > Remediation -> PSP + MKE grant                      ~10s',
    '  ⠸   Apply the PSP                               12s / ~30s',
    '› - Verify                                               ~2m',
  ]);
  unmount();
});

test('turns engine events into rows: durations, elapsed vs expected, the chosen branch', () => {
  const engine = fakeEngine({
    runbook: uiRunbook,
    branches: {remediation: {branchId: 'psp-grant', at: ''}},
  });
  const events: EngineEvent[] = [
    {type: 'step-started', stepId: 'preflight', attempt: 1, logPath: '/l', at: 0},
    {type: 'step-finished', stepId: 'preflight', status: 'done', durationMs: 4200, at: 4200},
    {type: 'step-started', stepId: 'vms', attempt: 1, logPath: '/l', at: 10_000},
    {type: 'branch-chosen', stepId: 'remediation', branchId: 'psp-grant'},
  ];
  const state = events.reduce(reduceUi, initialUiState(engine.state()));
  const got = stepRows(engine.steps(), state, 'en', 22_000).map((row) => [
    row.id,
    row.status,
    row.timing,
    row.depth,
    row.branch,
  ]);
  assert.deepEqual(got, [
    ['preflight', 'done', '4s', 0, undefined],
    ['vms', 'running', '12s / ~5m', 0, undefined],
    ['mke-install', 'pending', '~20m', 0, undefined],
    ['kubeconfig', 'pending', '~10s', 0, undefined],
    ['runner-install', 'pending', '~1m', 0, undefined],
    ['job-run', 'pending', '~2m', 0, undefined],
    ['diagnose', 'pending', '~1s', 0, undefined],
    ['remediation', 'done', '~10s', 0, 'PSP + MKE grant'],
    ['apply-psp', 'pending', '~30s', 1, undefined],
    ['verify', 'pending', '~2m', 0, undefined],
  ]);
});
