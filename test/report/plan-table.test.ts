import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createPaint} from '../../source/report/paint.js';
import {manifestObjects, planTable, templateEffects} from '../../source/report/plan-table.js';
import {collectPlan} from '../../source/cli/collect-plan.js';
import {exampleRunbook, actionStep} from './fixture-runbook.js';

test('lists every step of every branch, with the leave actions, from the templates when nothing is rendered', async () => {
  const entries = await collectPlan(exampleRunbook, undefined, 'en');
  assert.deepEqual(planTable(entries, createPaint(false)), [
    'STEP                       DOES   WHAT',
    '─────────────────────────  ─────  ─────────────────────────────────────────────────',
    'first *                    run    kubectl create namespace "{{ params.namespace }}"',
    'second *                   write  values.yaml',
    '                           write  other.txt',
    'fix                        note   choose one: wide | narrow',
    'fix/wide/grant-wide *      run    kubectl create namespace "{{ params.namespace }}"',
    'fix/wide (on leave) *      run    kubectl delete clusterrolebinding x',
    'fix/narrow/grant-narrow *  run    kubectl create namespace "{{ params.namespace }}"',
    'last *                     run    kubectl create namespace "{{ params.namespace }}"',
    '',
    '* shown as written in the runbook: some values are not known yet (give them with --set, or run the earlier steps)',
  ]);
});

test('says in Japanese what each row does, the commands and paths as they are', async () => {
  const entries = await collectPlan(exampleRunbook, undefined, 'ja');
  assert.deepEqual(planTable(entries, createPaint(false), 'ja').slice(0, 8), [
    '手順                       動作  対象',
    '─────────────────────────  ────  ─────────────────────────────────────────────────',
    'first *                    実行  kubectl create namespace "{{ params.namespace }}"',
    'second *                   書込  values.yaml',
    '                           書込  other.txt',
    'fix                        説明  どれか 1 つを選びます: wide | narrow',
    'fix/wide/grant-wide *      実行  kubectl create namespace "{{ params.namespace }}"',
    'fix/wide (離れるとき) *    実行  kubectl delete clusterrolebinding x',
  ]);
});

test('shows rendered effects: env keys masked, manifests by kind and name, requests', () => {
  const lines = planTable(
    [
      {
        label: 'install',
        title: 'Install',
        rendered: true,
        effects: [
          {
            kind: 'command',
            file: 'helm',
            args: ['upgrade', '--install', 'gitlab-runner'],
            env: ['RUNNER_TOKEN'],
            stdin: 'secret',
          },
          {
            kind: 'manifest',
            action: 'apply',
            yaml: 'kind: Namespace\nmetadata:\n  name: a\n---\nkind: ClusterRole\nmetadata:\n  name: b\n',
          },
          {kind: 'request', method: 'PUT', url: 'https://192.168.123.202/api/ucp/config-toml'},
        ],
      },
    ],
    createPaint(false),
  );
  assert.deepEqual(lines.slice(2), [
    'install  run      helm upgrade --install gitlab-runner',
    '           env    RUNNER_TOKEN=••••',
    '           stdin  (given, not shown)',
    '         apply    Namespace/a, ClusterRole/b',
    '         request  PUT https://192.168.123.202/api/ucp/config-toml',
  ]);
  assert.doesNotMatch(lines.join('\n'), /secret/);
});

test('reads kind and name from each document of a manifest and survives garbage', () => {
  assert.deepEqual(manifestObjects('kind: Pod\nmetadata: {name: p}\n---\n{}\n'), ['Pod/p', '?/?']);
  assert.deepEqual(manifestObjects('kind: [unclosed'), ['(unreadable manifest)']);
});

test('takes a step with files and no actions from its templates', () => {
  assert.deepEqual(templateEffects(actionStep('x', {run: []})), []);
});

test('speaks Japanese in its heads and notes when asked', () => {
  const lines = planTable(
    [{label: 'later', title: 'Later', effects: [], rendered: false}],
    createPaint(false),
    'ja',
  );
  assert.deepEqual(lines, [
    '手順     動作  対象',
    '───────  ────  ──────────────────────────',
    'later *  —     (実行するものはありません)',
    '',
    '* ランブックに書かれたままの表示です: まだわからない値があります(--set で与えるか、前の手順を実行してください)',
  ]);
});
