import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {StepList} from '../../source/ui/step-list.js';
import {DetailsView} from '../../source/ui/details-view.js';
import {ChoiceScreen} from '../../source/ui/choice-screen.js';
import {DiagnosisView} from '../../source/ui/diagnosis-view.js';
import {ParamPrompt} from '../../source/ui/param-prompt.js';
import {uiStrings} from '../../source/ui/strings.js';
import {steps, remediationBranches, params} from '../../test/fixtures/ui/runbook.js';
import {ucpDiagnosis} from '../../test/fixtures/ui/diagnosis.js';
import {fakeEngine} from '../../test/ui/helpers/fake-engine.js';
import {uiRunbook} from '../../test/fixtures/ui/runbook.js';

const show = async (name: string, el: any, after?: (r: any) => Promise<void>) => {
  const r = render(el);
  await new Promise((res) => setTimeout(res, 100));
  if (after) await after(r);
  await new Promise((res) => setTimeout(res, 100));
  console.log('=== ' + name);
  console.log(
    stripAnsi(r.lastFrame() ?? '')
      .split('\n')
      .map((l: string) => l.trimEnd())
      .map((l: string) => '|' + l)
      .join('\n'),
  );
  r.unmount();
};
const which = process.argv[2];
for (const lang of ['en', 'ja'] as const) {
  const s = uiStrings(lang);
  if (which === 'choice')
    await show(
      'choice ' + lang,
      <ChoiceScreen
        title="Remediation"
        branches={remediationBranches}
        suggested="psp-grant"
        width={80}
        height={16}
        strings={s}
        lang={lang}
        onChoose={() => {}}
        onCancel={() => {}}
      />,
    );
  if (which === 'diag')
    await show(
      'diag ' + lang,
      <DiagnosisView
        diagnosis={ucpDiagnosis}
        width={80}
        height={40}
        strings={s}
        lang={lang}
        isActive
        onJump={() => {}}
      />,
    );
  if (which === 'secret')
    await show(
      'secret ' + lang,
      <ParamPrompt
        param={params['password']!}
        width={80}
        strings={s}
        lang={lang}
        onAnswer={() => {}}
        onCancel={() => {}}
      />,
      async (r) => {
        r.stdin.write('adminadmin');
      },
    );
  if (which === 'invalid')
    await show(
      'invalid ' + lang,
      <ParamPrompt
        param={params['manager']!}
        width={80}
        strings={s}
        lang={lang}
        onAnswer={() => {}}
        onCancel={() => {}}
      />,
      async (r) => {
        for (let i = 0; i < 15; i++) r.stdin.write('\u007F');
        await new Promise((res) => setTimeout(res, 50));
        r.stdin.write('192.168.123.300');
        await new Promise((res) => setTimeout(res, 50));
        r.stdin.write('\r');
      },
    );
}
