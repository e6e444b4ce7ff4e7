import type {Key} from 'ink';

// Ink hands whatever arrived in one read over as one input: a paste, or keys typed faster
// than the app reads them (a pty test, a busy machine) — `kkj`, `yes\r`. Ink's parser
// already separates escape sequences (arrows, Esc), so what is left here is plain text.

/** A key with no modifier or special key set: what a typed character arrives as. */
export const plainKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};
const enterKey: Key = {...plainKey, return: true};
const backspaceKey: Key = {...plainKey, backspace: true};
const ctrlUKey: Key = {...plainKey, ctrl: true};

// Backspace held down, or pressed while the app was busy, arrives as several DEL (or BS)
// bytes in one read; Ink names only a lone one, so the rest would be typed into the answer.
// Ctrl-U (clear the field) followed at once by the new value is the same case.
const editing = /(\r\n|\r|\n|\u007F|\u0008|\u0015)/;

const special = (key: Key) =>
  key.return ||
  key.escape ||
  key.ctrl ||
  key.meta ||
  key.tab ||
  key.backspace ||
  key.delete ||
  key.upArrow ||
  key.downArrow ||
  key.leftArrow ||
  key.rightArrow ||
  key.pageUp ||
  key.pageDown ||
  key.home ||
  key.end;

/** A chunk as typing, Enter and Backspace: text runs stay whole (a pasted value), line breaks are Enter. */
export function splitChunk(input: string, key: Key): Array<[string, Key]> {
  if (special(key) || Array.from(input).length <= 1 || !editing.test(input)) {
    return [[input, key]];
  }

  const keys: Array<[string, Key]> = [];
  for (const part of input.split(editing)) {
    if (part === '') continue;
    if (/^[\r\n]+$/.test(part)) keys.push(['\r', enterKey]);
    else if (part === '\u007F' || part === '\b') keys.push(['', backspaceKey]);
    else if (part === '\u0015') keys.push(['u', ctrlUKey]);
    else keys.push([part, plainKey]);
  }

  return keys;
}

/** A chunk as the single keys it was typed as: one character each, line breaks as Enter. */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
  if (special(key) || Array.from(input).length <= 1) return [[input, key]];
  return Array.from(input.replaceAll('\r\n', '\r'), (character): [string, Key] =>
    character === '\r' || character === '\n'
      ? ['\r', enterKey]
      : character === '\u0015'
        ? ['u', ctrlUKey]
        : [character, {...plainKey, shift: /[A-Z]/.test(character)}],
  );
}
