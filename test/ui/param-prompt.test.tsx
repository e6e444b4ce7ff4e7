import test from 'node:test';
import assert from 'node:assert/strict';
import type {Lang} from '../../source/i18n/text.js';
import type {ParamSpec} from '../../source/runbook/types.js';
import {params} from '../fixtures/ui/runbook.js';
import {frameLines, keys, waitFor} from './helpers/render.js';
import {renderQuestion} from './helpers/question-host.js';

function prompt(param: ParamSpec | undefined, lang: Lang) {
  assert.ok(param);
  return renderQuestion(async (prompter) => prompter.askParam(param), {lang});
}

const box = [
  '╭──────────────────────────────────────────────────────────────────────╮',
  '╰──────────────────────────────────────────────────────────────────────╯',
] as const;
const field = (text: string) => `│› ${text}${' '.repeat(68 - text.length)}│`;

const secretFrames = {
  en: [
    'Question',
    'MKE admin password',
    box[0],
    field('••••••••••'),
    box[1],
    'Typed input is hidden. Or quit and set MKE_ADMIN_PASSWORD in the environment',
    'instead.',
    'Enter to answer · Esc back',
  ],
  ja: [
    '質問',
    'MKE 管理者パスワード',
    box[0],
    field('••••••••••'),
    box[1],
    '入力は表示されません。終了して環境変数 MKE_ADMIN_PASSWORD で渡すこともできます。',
    'Enter で確定 · Esc 戻る',
  ],
};

const invalidFrames = {
  en: [
    'Question',
    'Manager address',
    box[0],
    field('192.168.123.300'),
    box[1],
    '✗ Not an IPv4 address (like 192.168.123.202).',
    'Enter to answer · Esc back',
  ],
  ja: [
    '質問',
    'マネージャーのアドレス',
    box[0],
    field('192.168.123.300'),
    box[1],
    '✗ IPv4 アドレスではありません (例: 192.168.123.202)。',
    'Enter で確定 · Esc 戻る',
  ],
};

for (const lang of ['en', 'ja'] as const) {
  test(`masks a secret as it is typed and says which variable can carry it instead (${lang})`, async () => {
    const {stdin, lastFrame, unmount, answers} = prompt(params['password'], lang);
    stdin.write('adminadmin');
    await waitFor(() => {
      assert.deepEqual(frameLines(lastFrame()), secretFrames[lang]);
    });
    assert.doesNotMatch(lastFrame() ?? '', /adminadmin/);
    stdin.write(keys.enter);
    await waitFor(() => {
      assert.deepEqual(answers, ['adminadmin']);
    });
    unmount();
  });

  test(`shows why an address is refused under the field and does not answer (${lang})`, async () => {
    const {stdin, lastFrame, unmount, answers} = prompt(params['manager'], lang);
    for (let i = 0; i < 3; i++) stdin.write(keys.backspace);
    stdin.write('300');
    stdin.write(keys.enter);
    await waitFor(() => {
      assert.deepEqual(frameLines(lastFrame()), invalidFrames[lang]);
    });
    assert.deepEqual(answers, []);
    unmount();
  });
}

test('explains an integer out of range with the allowed range', async () => {
  const {stdin, lastFrame, unmount} = prompt(params['memory'], 'en');
  stdin.write('1024');
  stdin.write(keys.enter);
  await waitFor(() => {
    assert.equal(frameLines(lastFrame()).at(-2), '✗ Out of range. From 2048 to 8192.');
  });
  unmount();
});

test('lists the choices and refuses a value that is not one of them', async () => {
  const {stdin, lastFrame, unmount} = prompt(params['era'], 'en');
  stdin.write('latest');
  stdin.write(keys.enter);
  await waitFor(() => {
    assert.deepEqual(
      frameLines(lastFrame())
        .slice(2, 3)
        .concat(frameLines(lastFrame()).at(-2) ?? ''),
      ['One of: 2021, current.', '✗ Not one of the choices. One of: 2021, current.'],
    );
  });
  unmount();
});

test('says a yes/no question takes yes or no before anything is typed, and takes yes', async () => {
  const accept: ParamSpec = {
    id: 'accept',
    type: 'boolean',
    label: {en: 'I accept', ja: '同意する'},
  };
  const {stdin, lastFrame, unmount, answers} = prompt(accept, 'en');
  await waitFor(() => {
    assert.deepEqual(frameLines(lastFrame()).slice(0, 3), [
      'Question',
      'I accept',
      'One of: yes, no.',
    ]);
  });
  assert.doesNotMatch(lastFrame() ?? '', /✗/);
  stdin.write('yes');
  stdin.write(keys.enter);
  await waitFor(() => {
    assert.deepEqual(answers, ['yes']);
  });
  unmount();
});
