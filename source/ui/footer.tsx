import {Text} from 'ink';
import stringWidth from 'string-width';
import type {KeyName, UiStrings} from './strings.js';
import {colors} from './theme.js';

/** One key the footer shows. */
export type FooterKey = {readonly key: string; readonly name: KeyName};

/** Lays out "key word" pairs to fit `width`, dropping words from the end, then keys, when it must. */
export function footerText(keys: readonly FooterKey[], width: number, strings: UiStrings): string {
  const full = keys.map((k) => `${k.key} ${strings.keys[k.name]}`);
  for (const separator of ['  ', ' ']) {
    const text = full.join(separator);
    if (stringWidth(text) <= width) return text;
  }

  // Too narrow for every word: keep words for the first keys, bare keys for the rest.
  for (let words = full.length - 1; words >= 0; words--) {
    const text = keys
      .map((k, index) => (index < words ? `${k.key} ${strings.keys[k.name]}` : k.key))
      .join(' ');
    if (stringWidth(text) <= width) return text;
  }

  return keys.map((k) => k.key).join(' ');
}

type Props = {
  readonly keys: readonly FooterKey[];
  readonly width: number;
  readonly strings: UiStrings;
};

/** The bottom line: the keys that act now. */
export function Footer({keys, width, strings}: Props) {
  return <Text color={colors.muted}>{footerText(keys, width, strings)}</Text>;
}
