import type {Lang} from '../i18n/text.js';
import type {ErrorText} from '../engine/errors.js';

/** The loader's words for a runbook file it cannot read; `why` is the system's own words. */
export function unreadableRunbook(lang: Lang, file: string, why: string): ErrorText {
  return lang === 'ja'
    ? {message: `Runbook \`${file}\` を読めません: ${why}`}
    : {message: `cannot read runbook \`${file}\`: ${why}`};
}
