import type {Key} from 'ink';
import {pick, type Lang} from '../i18n/text.js';
import type {ParamSpec} from '../runbook/types.js';
import type {Answer, Question} from './prompter.js';
import type {UiStrings} from './strings.js';
import {validateParam} from './validate-param.js';
import {splitChunk} from './key-chunks.js';

/** What the person has typed or selected so far for one question. */
export type Draft =
  | {readonly kind: 'param'; readonly value: string; readonly error?: string}
  | {readonly kind: 'choice'; readonly index: number}
  | {readonly kind: 'confirm'};

/** A key's effect on a question: the new draft, and the answer or cancel it gave, if any. */
export type KeyOutcome = {
  readonly draft: Draft;
  readonly answer?: Answer;
  readonly cancel?: true;
};

/** What the reducer needs to word a refusal. */
export type KeyContext = {readonly strings: UiStrings; readonly lang: Lang};

/** The draft a question opens with (a choice starts on the suggested branch). */
export function initialDraft(question: Question, suggested?: string): Draft {
  switch (question.kind) {
    case 'param': {
      const {param} = question;
      const value =
        param.type === 'secret' || param.default === undefined ? '' : String(param.default);
      return question.error === undefined
        ? {kind: 'param', value}
        : {kind: 'param', value, error: question.error};
    }

    case 'choice': {
      const index = question.branches.findIndex((b) => b.id === suggested);
      return {kind: 'choice', index: Math.max(0, index)};
    }

    case 'confirm': {
      return {kind: 'confirm'};
    }
  }
}

/** Applies one chunk of input to the current question; stops at the first answer or cancel. */
export function pressKey(
  question: Question,
  draft: Draft,
  input: string,
  key: Key,
  context: KeyContext,
): KeyOutcome {
  let outcome: KeyOutcome = {draft};
  for (const [one, oneKey] of splitChunk(input, key)) {
    outcome = pressOne(question, outcome.draft, one, oneKey, context);
    if (outcome.answer !== undefined || outcome.cancel) break;
  }

  return outcome;
}

function pressOne(
  question: Question,
  draft: Draft,
  input: string,
  key: Key,
  context: KeyContext,
): KeyOutcome {
  if (question.kind === 'param' && draft.kind === 'param') {
    return pressParam(question.param, draft.value, input, key, context, draft);
  }

  if (question.kind === 'choice' && draft.kind === 'choice') {
    const last = question.branches.length - 1;
    const digit = Number.parseInt(input, 10);
    const move = (index: number): KeyOutcome => ({
      draft: {kind: 'choice', index: Math.max(0, Math.min(last, index))},
    });
    if (key.leftArrow || input === 'h' || key.upArrow) return move(draft.index - 1);
    if (key.rightArrow || input === 'l' || key.downArrow || key.tab) return move(draft.index + 1);
    if (digit >= 1 && digit <= question.branches.length) return move(digit - 1);
    if (key.escape) return {draft, cancel: true};
    const branch = question.branches[draft.index];
    if (key.return && branch) return {draft, answer: branch.id};
    return {draft};
  }

  if (input === 'y' || input === 'Y') return {draft, answer: true};
  if (input === 'n' || input === 'N' || key.escape) return {draft, answer: false};
  return {draft};
}

function pressParam(
  param: ParamSpec,
  value: string,
  input: string,
  key: Key,
  {strings, lang}: KeyContext,
  draft: Draft,
): KeyOutcome {
  if (key.escape) return {draft, cancel: true};
  if (key.return) {
    const problem = validateParam(param, value);
    // A Japanese yes or no answers as the engine reads it.
    const answer = param.type === 'boolean' ? ({はい: 'yes', いいえ: 'no'}[value] ?? value) : value;
    if (!problem) return {draft, answer};
    const range = problem.error === 'range' ? ' ' + strings.between(param.min, param.max) : '';
    const choice = problem.error === 'choice' ? ' ' + strings.oneOf(param.choices ?? []) : '';
    const error =
      problem.error === 'pattern' && param.patternMessage
        ? pick(param.patternMessage, lang)
        : strings.invalid[problem.error] + range + choice;
    return {draft: {kind: 'param', value, error}};
  }

  if (key.backspace || key.delete) {
    return {draft: {kind: 'param', value: Array.from(value).slice(0, -1).join('')}};
  }

  // Ctrl-U empties the field, as in a shell.
  if (key.ctrl && input === 'u') return {draft: {kind: 'param', value: ''}};
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || input === '') {
    return {draft};
  }

  // Anything left of a paste's line breaks stays on one line.
  return {draft: {kind: 'param', value: value + input.replaceAll(/[\r\n]/g, '')}};
}
