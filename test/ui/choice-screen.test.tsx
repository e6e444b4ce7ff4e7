import test from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {ChoiceScreen} from '../../source/ui/choice-screen.js';
import {uiStrings} from '../../source/ui/strings.js';
import {remediationBranches} from '../fixtures/ui/runbook.js';
import {frameLines, keys, waitFor} from './helpers/render.js';
import {renderQuestion} from './helpers/question-host.js';

const expected = {
  en: [
    'Choose a way forward: Remediation',
    '  1. Bind cluster-admin                  › 2. PSP + MKE grant  (suggested)',
    'What it grants                           What it grants',
    'Everything, in every namespace.          Privileged pods for one service',
    '                                         account.',
    '',
    'Risk                                     Risk',
    'Any job can take over the cluster.       Privileged builds on the worker.',
    '',
    'What the article says                    What the article says',
    'Works at once; the article calls it      A PSP alone is not enough; MKE must',
    'experimental only.                       list the service account.',
    '',
    '1/2 · Enter · Esc back',
  ],
  ja: [
    '進め方を選んでください: 対処',
    '  1. cluster-admin を付与                › 2. PSP + MKE 権限付与  (おすすめ)',
    '付与される権限                           付与される権限',
    'すべての名前空間のすべての権限。         1 つのサービスアカウントに特権 Pod。',
    '',
    'リスク                                   リスク',
    'どのジョブでもクラスタを乗っ取れる。     ワーカー上の特権ビルド。',
    '',
    '記事の説明                               記事の説明',
    'すぐ動くが、記事では実験用のみとしてい   PSP だけでは足りず、MKE にサービスアカ',
    'る。                                     ウントを登録する。',
    '',
    '1/2 · Enter · Esc 戻る',
  ],
} as const;

for (const lang of ['en', 'ja'] as const) {
  test(`compares the two remediations side by side with the suggested one selected (${lang})`, () => {
    const {lastFrame, unmount} = render(
      <ChoiceScreen
        title={lang === 'en' ? 'Remediation' : '対処'}
        branches={remediationBranches}
        index={1}
        suggested="psp-grant"
        width={80}
        height={16}
        strings={uiStrings(lang)}
        lang={lang}
      />,
    );
    assert.deepEqual(frameLines(lastFrame()), expected[lang]);
    unmount();
  });
}

test('picks the branch selected with its number and Enter', async () => {
  const {stdin, lastFrame, unmount, answers} = renderQuestion(
    async (prompter) => prompter.choose('remediation', remediationBranches),
    {suggested: 'psp-grant'},
  );
  assert.match(lastFrame() ?? '', /› 2\. PSP \+ MKE grant/);
  stdin.write('1');
  await waitFor(() => {
    assert.match(lastFrame() ?? '', /› 1\. Bind cluster-admin/);
  });
  stdin.write(keys.enter);
  await waitFor(() => {
    assert.deepEqual(answers, ['cluster-admin']);
  });
  unmount();
});

test('goes back without choosing on Esc, refusing the engine question', async () => {
  const {stdin, unmount, answers, refusals} = renderQuestion(async (prompter) =>
    prompter.choose('remediation', remediationBranches),
  );
  stdin.write(keys.escape);
  await waitFor(() => {
    assert.deepEqual(refusals, ['Error: cancelled']);
  });
  assert.deepEqual(answers, []);
  unmount();
});

test('cuts a long Japanese branch title to its column on one row, the … included', () => {
  const [first, second] = remediationBranches;
  assert.ok(first && second);
  const long = {
    ...second,
    title: {
      en: second.title.en,
      ja: '2. PSP・ClusterRole・バインディングと MKE の特権許可(記事の対策 2)',
    },
  };
  const {lastFrame, unmount} = render(
    <ChoiceScreen
      title="対処"
      branches={[first, long]}
      index={0}
      width={120}
      height={16}
      strings={uiStrings('ja')}
      lang="ja"
    />,
  );
  const [, titles, next] = frameLines(lastFrame());
  assert.equal(
    titles,
    '› 1. cluster-admin を付与                                      2. PSP・ClusterRole・バインディングと MKE の特権許可(記…',
  );
  assert.ok(stringWidth(titles ?? '') <= 120);
  assert.equal(next, '付与される権限                                               付与される権限');
  unmount();
});

for (const lang of ['en', 'ja'] as const) {
  test(`keeps the (current) and (suggested) tags whole at 80 columns, cutting long titles instead (${lang})`, () => {
    const [first, second] = remediationBranches;
    assert.ok(first && second);
    const titled = [
      {
        ...first,
        title: {
          en: "1. Bind cluster-admin (the article's first fix)",
          ja: '1. cluster-admin を結びつける(記事の対策 1)',
        },
      },
      {
        ...second,
        title: {
          en: '2. PSP + ClusterRole + binding, and MKE service-account privilege',
          ja: '2. PSP・ClusterRole・バインディングと MKE の特権許可(記事の対策 2)',
        },
      },
    ];
    const {lastFrame, unmount} = render(
      <ChoiceScreen
        title="Remediation"
        branches={titled}
        index={0}
        current="cluster-admin"
        suggested="psp-grant"
        width={80}
        height={16}
        strings={uiStrings(lang)}
        lang={lang}
      />,
    );
    const [, titles] = frameLines(lastFrame());
    const strings = uiStrings(lang);
    const [left = '', right = ''] = (titles ?? '').split(/(?<=\)) {2,}/u);
    assert.ok(left.endsWith(`…  (${strings.current})`), left);
    assert.ok(right.trimEnd().endsWith(`…  (${strings.suggested})`), right);
    assert.ok(stringWidth(titles ?? '') <= 80);
    unmount();
  });
}
