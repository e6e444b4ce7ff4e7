import type {Step} from '../runbook/types.js';
import type {FooterKey} from './footer.js';
import type {DisplayStatusName} from './strings.js';

type Context = {
  readonly view: 'main' | 'details' | 'log' | 'diagnosis' | 'help' | 'resume' | 'params';
  readonly running: boolean;
  readonly question: boolean;
  readonly status: DisplayStatusName;
  readonly step: Step | undefined;
  readonly hasDiagnosis: boolean;
};

const retryable: readonly DisplayStatusName[] = ['failed', 'interrupted', 'drifted', 'unknown'];

/** The keys that act in this situation, most useful first (the footer drops words from the end). */
export function footerKeys({
  view,
  running,
  question,
  status,
  step,
  hasDiagnosis,
}: Context): FooterKey[] {
  // A question shows its own keys above; the footer would say 'Esc back' a second time.
  if (question) return [];
  switch (view) {
    case 'log': {
      return [
        {key: 'PgUp/PgDn', name: 'page'},
        {key: 'g/G', name: 'ends'},
        {key: '/', name: 'find'},
        {key: 'Esc', name: 'back'},
      ];
    }

    case 'details':
    case 'diagnosis': {
      // j/k move the text here, not the selection.
      return [
        {key: 'j/k', name: 'scroll'},
        {key: 'PgUp/PgDn', name: 'page'},
        {key: 'Esc', name: 'back'},
        {key: 'L', name: 'lang'},
        {key: 'q', name: 'quit'},
      ];
    }

    case 'params': {
      return [
        {key: 'j/k', name: 'select'},
        {key: 'Enter', name: 'change'},
        {key: 'Esc', name: 'back'},
        {key: 'L', name: 'lang'},
        {key: 'q', name: 'quit'},
      ];
    }

    case 'help':
    case 'resume': {
      return [
        {key: 'Esc', name: 'back'},
        {key: 'L', name: 'lang'},
        {key: 'q', name: 'quit'},
      ];
    }

    case 'main': {
      break;
    }
  }

  if (running) {
    return [
      {key: 'x', name: 'cancel'},
      {key: 'l', name: 'log'},
      {key: 'd', name: 'details'},
      {key: 'p', name: 'params'},
      {key: 'L', name: 'lang'},
      {key: '?', name: 'help'},
      {key: 'q', name: 'quit'},
    ];
  }

  const keys: FooterKey[] = [
    {key: 'j/k', name: 'select'},
    {key: 'Enter', name: 'run'},
  ];
  if (retryable.includes(status)) keys.push({key: 'r', name: 'retry'});
  if (step?.kind === 'action' && step.skippable) keys.push({key: 's', name: 'skip'});
  if (step?.kind === 'action' && step.undo.length > 0) keys.push({key: 'u', name: 'undo'});
  keys.push({key: 'l', name: 'log'}, {key: 'd', name: 'details'}, {key: 'p', name: 'params'});
  if (hasDiagnosis) keys.push({key: 'D', name: 'diagnosis'});
  keys.push({key: 'L', name: 'lang'}, {key: '?', name: 'help'}, {key: 'q', name: 'quit'});
  return keys;
}
