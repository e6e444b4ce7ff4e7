import {wordedError} from '../engine/errors.js';
import type {Lang} from '../i18n/text.js';
import {cliWords} from './cli-words.js';
import {noticeWords} from './notice-words.js';
import type {Target} from '../engine/events.js';
import {createProcessPort} from '../integrations/process.js';

/**
 * The target of a run: as asked, or — when neither `--simulate` nor `--real` was given —
 * real if `vagrant` is on PATH, else the simulated lab, said in one line.
 */
export async function chooseTarget(
  wanted: Target | 'auto',
  env: Readonly<Record<string, string | undefined>>,
  note: (line: string) => void,
  recorded?: {readonly target: Target; readonly profile: string},
  lang: Lang = 'en',
): Promise<Target> {
  // A profile's progress describes one world: steps done in the lab are not done on real
  // machines, so a profile never switches target silently.
  if (recorded && wanted !== 'auto' && wanted !== recorded.target) {
    const {profile, target} = recorded;
    throw wordedError('unsafe', (lang) => cliWords(lang).otherTarget(profile, target, wanted));
  }

  if (recorded) return recorded.target;
  if (wanted !== 'auto') return wanted;
  const vagrant = await createProcessPort({env}).which('vagrant');
  if (vagrant === undefined) {
    note(noticeWords(lang).noVagrant);
    return 'simulated';
  }

  note(noticeWords(lang).vagrantFound(vagrant));
  return 'real';
}
