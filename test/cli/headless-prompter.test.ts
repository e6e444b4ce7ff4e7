import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createHeadlessPrompter} from '../../source/cli/headless-prompter.js';
import {RunbookError} from '../../source/engine/errors.js';
import {exampleRunbook} from '../report/fixture-runbook.js';

const question = {en: 'Grant cluster-admin?', ja: 'cluster-admin を付与しますか？'};

test('confirms with --yes and refuses without it, naming --yes', async () => {
  assert.equal(
    await createHeadlessPrompter({runbook: exampleRunbook, assumeYes: true, lang: 'en'}).confirm(
      question,
    ),
    true,
  );
  const prompter = createHeadlessPrompter({runbook: exampleRunbook, assumeYes: false, lang: 'en'});
  await assert.rejects(prompter.confirm(question, {danger: true}), (error) => {
    assert.ok(error instanceof RunbookError);
    assert.equal(error.code, 'needs-answer');
    assert.match(error.message, /Grant cluster-admin\?/);
    assert.match(error.hint ?? '', /--yes/);
    return true;
  });
  assert.equal(prompter.refused()?.code, 'needs-answer');
});

test('refuses a missing parameter naming --set, and a missing secret naming only its environment variable', async () => {
  const prompter = createHeadlessPrompter({runbook: exampleRunbook, assumeYes: true, lang: 'en'});
  const [namespace, token] = exampleRunbook.params;
  assert.ok(namespace && token);
  await assert.rejects(
    prompter.askParam(namespace),
    (error) =>
      error instanceof RunbookError &&
      error.code === 'missing-param' &&
      error.hint === 'give --set namespace=VALUE',
  );
  await assert.rejects(
    prompter.askParam(token),
    (error) =>
      error instanceof RunbookError && error.hint === 'set the environment variable EXAMPLE_TOKEN',
  );
  assert.equal(prompter.refused()?.message, 'parameter `namespace` (Namespace) has no value');
});

test("refuses a choice naming the choice's parameter", async () => {
  const prompter = createHeadlessPrompter({runbook: exampleRunbook, assumeYes: true, lang: 'en'});
  const choice = exampleRunbook.steps[2];
  assert.ok(choice?.kind === 'choice');
  await assert.rejects(
    prompter.choose('fix', choice.branches),
    (error) =>
      error instanceof RunbookError &&
      error.code === 'needs-choice' &&
      error.hint === 'give --set fix=wide',
  );
});
