import test from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {initialDraft, pressKey} from '../../source/ui/question-keys.js';
import {plainKey, splitChunk, splitKeys} from '../../source/ui/key-chunks.js';
import type {Question} from '../../source/ui/prompter.js';
import {uiStrings} from '../../source/ui/strings.js';
import {params, remediationBranches} from '../fixtures/ui/runbook.js';

const none: Key = plainKey;
const context = {strings: uiStrings('en'), lang: 'en'} as const;

test('splits a chunk at its line breaks into typing and Enter, and leaves single keys alone', () => {
  const cases: Array<[string, string[]]> = [
    ['yes\r', ['yes', '⏎']],
    ['a\r\nb\n', ['a', '⏎', 'b', '⏎']],
    ['y', ['y']],
    ['\r', ['\r']],
    ['yes', ['yes']],
  ];
  for (const [chunk, expected] of cases) {
    assert.deepEqual(
      splitChunk(chunk, none).map(([input, key]) => (key.return ? '⏎' : input)),
      expected,
      JSON.stringify(chunk),
    );
  }
});

test('a pasted answer with its Enter answers a text prompt with the text alone', () => {
  const param = params['password'];
  assert.ok(param);
  const question: Question = {kind: 'param', param};
  assert.deepEqual(pressKey(question, initialDraft(question), 'adminadmin\r', none, context), {
    draft: {kind: 'param', value: 'adminadmin'},
    answer: 'adminadmin',
  });
});

test('a pasted refused answer shows why and stays unanswered', () => {
  const param = params['memory'];
  assert.ok(param);
  const question: Question = {kind: 'param', param};
  const outcome = pressKey(question, {kind: 'param', value: ''}, '1024\r', none, context);
  assert.deepEqual(outcome, {
    draft: {kind: 'param', value: '1024', error: 'Out of range. From 2048 to 8192.'},
  });
});

test('a digit and Enter in one chunk choose that branch', () => {
  const question: Question = {kind: 'choice', stepId: 'remediation', branches: remediationBranches};
  assert.deepEqual(pressKey(question, initialDraft(question, 'psp-grant'), '1\r', none, context), {
    draft: {kind: 'choice', index: 0},
    answer: 'cluster-admin',
  });
});

test('a choice opens on the suggested branch, or the first when none is suggested', () => {
  const question: Question = {kind: 'choice', stepId: 'remediation', branches: remediationBranches};
  assert.deepEqual(
    [initialDraft(question, 'psp-grant'), initialDraft(question)],
    [
      {kind: 'choice', index: 1},
      {kind: 'choice', index: 0},
    ],
  );
});

test('splits keys that arrived in one read into single keys, Enter included', () => {
  const cases: Array<[string, string[]]> = [
    ['kkj', ['k', 'k', 'j']],
    ['2\r', ['2', '⏎']],
    ['y\r\n', ['y', '⏎']],
    ['q', ['q']],
  ];
  for (const [chunk, expected] of cases) {
    assert.deepEqual(
      splitKeys(chunk, none).map(([input, key]) => (key.return ? '⏎' : input)),
      expected,
      JSON.stringify(chunk),
    );
  }
});

test('backspaces that arrive in one read with typing erase, and none reaches the answer', () => {
  const param = params['password'];
  assert.ok(param);
  const question: Question = {kind: 'param', param};
  const outcome = pressKey(
    question,
    {kind: 'param', value: 'short'},
    '\u007F\u007F\u007F\u007F\u007Fadminadmin\r',
    none,
    context,
  );
  assert.deepEqual(outcome, {
    draft: {kind: 'param', value: 'adminadmin'},
    answer: 'adminadmin',
  });
  assert.deepEqual(
    pressKey(question, {kind: 'param', value: 'maybe'}, '\b\b\bno', none, context).draft,
    {kind: 'param', value: 'mano'},
  );
});

test('Ctrl-U that arrives in one read with the new value clears the field first', () => {
  const param = params['password'];
  assert.ok(param);
  const question: Question = {kind: 'param', param};
  assert.deepEqual(
    pressKey(question, {kind: 'param', value: 'typo-typo'}, '\u0015adminadmin\r', none, context),
    {draft: {kind: 'param', value: 'adminadmin'}, answer: 'adminadmin'},
  );
});

test('Ctrl-U empties a text answer', () => {
  const param = params['password'];
  assert.ok(param);
  const question: Question = {kind: 'param', param};
  assert.deepEqual(
    pressKey(question, {kind: 'param', value: 'maybeno'}, 'u', {...none, ctrl: true}, context),
    {draft: {kind: 'param', value: ''}},
  );
});

test('a yes/no question takes はい and いいえ as yes and no', () => {
  const question: Question = {
    kind: 'param',
    param: {id: 'accept_license', type: 'boolean', label: {en: 'Accept', ja: '同意'}},
  };
  const ja = {strings: uiStrings('ja'), lang: 'ja'} as const;
  assert.equal(pressKey(question, {kind: 'param', value: ''}, 'はい\r', none, ja).answer, 'yes');
  assert.equal(pressKey(question, {kind: 'param', value: ''}, 'いいえ\r', none, ja).answer, 'no');
});
