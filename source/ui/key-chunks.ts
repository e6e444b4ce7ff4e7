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

/** A chunk as typing and Enter: text runs stay whole (a pasted value), line breaks are Enter. */
export function splitChunk(input: string, key: Key): Array<[string, Key]> {
  if (special(key) || Array.from(input).length <= 1 || !/[\r\n]/.test(input)) {
    return [[input, key]];
  }

  const keys: Array<[string, Key]> = [];
  for (const part of input.split(/(\r\n|\r|\n)/)) {
    if (part === '') continue;
    keys.push(/^[\r\n]+$/.test(part) ? ['\r', enterKey] : [part, plainKey]);
  }

  return keys;
}

/** A chunk as the single keys it was typed as: one character each, line breaks as Enter. */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
  if (special(key) || Array.from(input).length <= 1) return [[input, key]];
  return Array.from(input.replaceAll('\r\n', '\r'), (character): [string, Key] =>
    character === '\r' || character === '\n'
      ? ['\r', enterKey]
      : [character, {...plainKey, shift: /[A-Z]/.test(character)}],
  );
}
