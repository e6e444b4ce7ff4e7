import test from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {DetailsView} from '../../source/ui/details-view.js';
import {uiStrings} from '../../source/ui/strings.js';
import {steps, uiRunbook} from '../fixtures/ui/runbook.js';
import {runnerEffects} from '../fixtures/ui/effects.js';
import {fakeEngine} from './helpers/fake-engine.js';
import {frameLines, keys, waitFor} from './helpers/render.js';

const effects = (env: string, write: string, apply: string, request: string, note: string) => [
  `$ helm upgrade --install -n gitlab-runner gitlab-runner -f values.yaml`,
  '    gitlab/gitlab-runner',
  `  ${env}: GITLAB_RUNNER_TOKEN=••••`,
  `${write} values.yaml`,
  '  --- values.yaml.orig',
  '  +++ values.yaml',
  '  @@ -1,3 +1,3 @@',
  '  -# gitlabUrl: http://gitlab.your-domain.com/',
  '  +gitlabUrl: https://gitlab.example.com/',
  '   rbac:',
  '  -  create: false',
  '  +  create: true',
  apply,
  '  apiVersion: v1',
  '  kind: Namespace',
  '  metadata:',
  '    name: gitlab-runner',
  `${request} PUT https://192.168.123.202/api/ucp/config-toml`,
  '  @@ -1 +1,2 @@',
  '   [cluster_config]',
  '  +  priv_attributes_service_accounts = ["gitlab-runner:gitlab-runner-gitlab-ru…',
  `${note}: The token reaches helm through the environment, never the command line.`,
];

const expected = {
  en: [
    'Install GitLab Runner',
    'helm upgrade --install.',
    '',
    'What will happen',
    ...effects('env', 'write', 'apply manifest', 'request', 'note'),
  ],
  ja: [
    'GitLab Runner をインストール',
    'helm upgrade --install を実行。',
    '',
    '実行される内容',
    ...effects('環境変数', '書込', 'マニフェストを適用', '要求', '注記'),
  ],
};

const runnerInstall = steps[4];

for (const lang of ['en', 'ja'] as const) {
  test(`explains the step, then lists its command, file diff, manifest and request diff (${lang})`, async () => {
    assert.ok(runnerInstall);
    const engine = fakeEngine({runbook: uiRunbook, effects: {'runner-install': runnerEffects}});
    const {lastFrame, unmount} = render(
      <DetailsView
        engine={engine}
        step={runnerInstall}
        width={80}
        height={40}
        strings={uiStrings(lang)}
        lang={lang}
        isActive
      />,
    );
    await waitFor(() => {
      assert.deepEqual(frameLines(lastFrame()), expected[lang]);
    });
    assert.deepEqual(engine.calls, ['describe runner-install']);
    unmount();
  });
}

test('scrolls a plan longer than its window with PgDn', async () => {
  assert.ok(runnerInstall);
  const engine = fakeEngine({runbook: uiRunbook, effects: {'runner-install': runnerEffects}});
  const {lastFrame, stdin, unmount} = render(
    <DetailsView
      engine={engine}
      step={runnerInstall}
      width={80}
      height={10}
      strings={uiStrings('en')}
      lang="en"
      isActive
    />,
  );
  await waitFor(() => {
    assert.match(frameLines(lastFrame())[4] ?? '', /^\$ helm/);
  });
  stdin.write(keys.pageDown);
  await waitFor(() => {
    assert.deepEqual(frameLines(lastFrame()).slice(0, 2), [
      '  @@ -1,3 +1,3 @@',
      '  -# gitlabUrl: http://gitlab.your-domain.com/',
    ]);
  });
  unmount();
});

test('colours added and removed lines of a diff', async () => {
  const {diffLines} = await import('../../source/ui/effect-lines.js');
  assert.deepEqual(
    diffLines('@@ -1 +1 @@\n-a\n+b\n c').map((l) => [l.text, l.color]),
    [
      ['  @@ -1 +1 @@', 'cyan'],
      ['  -a', 'red'],
      ['  +b', 'green'],
      ['   c', undefined],
    ],
  );
});
