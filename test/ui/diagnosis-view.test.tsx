import test from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {DiagnosisView} from '../../source/ui/diagnosis-view.js';
import {uiStrings} from '../../source/ui/strings.js';
import {ucpDiagnosis} from '../fixtures/ui/diagnosis.js';
import {articleErrorLine} from '../fixtures/ui/runbook.js';
import {frameLines} from './helpers/render.js';
import {recogniseUcpAuthorization} from '../../source/diagnosis/ucp-authorization.js';

// The article's line (procedure.md Step 4), each row underlined by who said it:
// 1 (=) GitLab Runner, 2 (-) the Kubernetes executor, 3 (^) MKE's UCPAuthorization.
const picture = [
  'ERROR: Job failed (system failure): prepare environment: setting up build pod:',
  '1===== === ====== ======= ========= ======= ============ 2------ -- ----- ----',
  'pods "runner-xphxzza-project-1154-concurrent-0" is forbidden: non-admin user',
  '3^^^ ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ^^ ^^^^^^^^^^ ^^^^^^^^^ ^^^^',
  '"gitlab-runner:gitlab-runner-gitlab-runner" [service account',
  '^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ^^^^^^^^ ^^^^^^^',
  '"gitlab-runner:default"]. The configured privileged attributes access for',
  '^^^^^^^^^^^^^^^^^^^^^^^^^ ^^^ ^^^^^^^^^^ ^^^^^^^^^^ ^^^^^^^^^^ ^^^^^^ ^^^',
  'non-admin users ("[]")("[]") and for service accounts ("[]")("[]") lack',
  '^^^^^^^^^ ^^^^^ ^^^^^^^^^^^^ ^^^ ^^^ ^^^^^^^ ^^^^^^^^ ^^^^^^^^^^^^ ^^^^',
  'required permissions to use attributes [privileged] for resource . Check',
  '^^^^^^^^ ^^^^^^^^^^^ ^^ ^^^ ^^^^^^^^^^ ^^^^^^^^^^^^ ^^^ ^^^^^^^^ ^ 1====',
  'https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more',
  '====================================================================== === ====',
  'information',
  '===========',
  '',
  '1=== GitLab Runner',
  '2--- Kubernetes executor',
  '3^^^ MKE UCPAuthorization',
  '',
];

const expected = {
  en: [
    "Diagnosis: MKE's UCPAuthorization refused a privileged pod",
    '',
    ...picture,
    'requester            gitlab-runner:gitlab-runner-gitlab-runner',
    'pod service account  gitlab-runner:default',
    'refused attributes   privileged',
    '',
    'Only MKE admins and service accounts bound to cluster-admin may create',
    'privileged pods; a PSP does not override this.',
    '',
    'Next: Choose a remediation (2 is the safer one).',
    'n go there',
  ],
  ja: [
    '診断: MKE の UCPAuthorization が特権 Pod を拒否',
    '',
    ...picture,
    '要求したユーザー          gitlab-runner:gitlab-runner-gitlab-runner',
    'Pod のサービスアカウント  gitlab-runner:default',
    '拒否された属性            privileged',
    '',
    '特権 Pod を作れるのは MKE 管理者と cluster-admin にバインドされたサービスアカウ',
    'ントだけで、PSP ではこれを覆せない。',
    '',
    '次に: 対処を選ぶ (2 の方が安全)。',
    'n そこへ移動',
  ],
};

for (const lang of ['en', 'ja'] as const) {
  test(`draws the article's error with each part labelled by who said it, then the fields and the next step (${lang})`, () => {
    const {lastFrame, unmount} = render(
      <DiagnosisView
        diagnosis={ucpDiagnosis}
        width={80}
        height={40}
        strings={uiStrings(lang)}
        lang={lang}
        isActive
      />,
    );
    assert.deepEqual(frameLines(lastFrame()), expected[lang]);
    unmount();
  });
}

test('gives back the whole original line when the picture rows are joined', () => {
  const rows = picture.slice(0, 16).filter((_, index) => index % 2 === 0);
  assert.equal(rows.join(' ').replaceAll(/\s+/g, ' '), articleErrorLine.replaceAll(/\s+/g, ' '));
});

test("names every field of MKE's real refusal in words, empty grants as (none), no parser keys", () => {
  const diagnosis = recogniseUcpAuthorization(articleErrorLine);
  assert.ok(diagnosis);
  const {lastFrame, unmount} = render(
    <DiagnosisView
      diagnosis={diagnosis}
      width={80}
      height={80}
      strings={uiStrings('en')}
      lang="en"
      isActive
    />,
  );
  const lines = frameLines(lastFrame());
  const first = lines.indexOf('3^^^ MKE UCPAuthorization') + 2;
  assert.deepEqual(lines.slice(first, lines.indexOf('', first)), [
    'requester                        gitlab-runner:gitlab-runner-gitlab-runner',
    'pod service account              gitlab-runner:default',
    'refused attributes               privileged',
    'attributes for users             (none)',
    'users allowed                    (none)',
    'attributes for service accounts  (none)',
    'service accounts allowed         (none)',
    'resource kind                    pods',
    'pod                              runner-xphxzza-project-1154-concurrent-0',
  ]);
  unmount();
});
