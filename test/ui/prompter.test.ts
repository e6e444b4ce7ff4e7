import test from 'node:test';
import assert from 'node:assert/strict';
import {createUiPrompter} from '../../source/ui/prompter.js';
import {params, remediationBranches} from '../fixtures/ui/runbook.js';

test('queues questions and answers them one at a time, in order', async () => {
  const prompter = createUiPrompter();
  const seen: string[] = [];
  prompter.subscribe(() => {
    seen.push(prompter.current()?.kind ?? 'none');
  });
  assert.ok(params['password']);
  const password = prompter.askParam(params['password']);
  const sure = prompter.confirm({en: 'Bind cluster-admin?', ja: '付与しますか?'}, {danger: true});
  assert.deepEqual(prompter.current(), {
    kind: 'param',
    param: params['password'],
    error: undefined,
  });
  prompter.answer('adminadmin');
  assert.deepEqual(prompter.current(), {
    kind: 'confirm',
    question: {en: 'Bind cluster-admin?', ja: '付与しますか?'},
    danger: true,
  });
  prompter.answer(true);
  const branch = prompter.choose('remediation', remediationBranches);
  prompter.answer('psp-grant');
  assert.deepEqual(
    [await password, await sure, await branch, seen],
    ['adminadmin', true, 'psp-grant', ['param', 'confirm', 'none', 'choice', 'none']],
  );
});

test('rejects the engine call when the person dismisses the question', async () => {
  const prompter = createUiPrompter();
  const branch = prompter.choose('remediation', remediationBranches);
  prompter.dismiss('cancelled');
  await assert.rejects(branch, {message: 'cancelled'});
  assert.equal(prompter.current(), undefined);
});
