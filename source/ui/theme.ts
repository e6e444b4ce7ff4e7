import type {DisplayStatusName, SpeakerName} from './strings.js';

// Every status has its own character, so a monochrome terminal (or NO_COLOR) loses nothing
// but colour. Characters avoid East Asian "ambiguous width" so Japanese terminals align.

/** The mark shown before a step, per status (running shows the spinner instead). */
export const statusMarks: Readonly<Record<DisplayStatusName, string>> = {
  pending: '-',
  running: '⠋',
  done: '✓',
  verified: '✦',
  drifted: '~',
  found: '*',
  unknown: '?',
  failed: '✗',
  skipped: '>',
  interrupted: '!',
};

/** Colour per status (Ink colour names); undefined keeps the terminal's own colour. */
export const statusColors: Readonly<Record<DisplayStatusName, string | undefined>> = {
  pending: undefined,
  running: 'cyan',
  done: 'green',
  verified: 'green',
  drifted: 'yellow',
  found: 'green',
  unknown: 'yellow',
  failed: 'red',
  skipped: 'gray',
  interrupted: 'yellow',
};

/** The spinner's frames (braille, one cell wide everywhere). */
export const spinnerFrames: readonly string[] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** How a speaker's part of an error line is underlined, and its colour. */
export const speakerStyles: Readonly<
  Record<SpeakerName, {readonly mark: string; readonly color: string}>
> = {
  'gitlab-runner': {mark: '=', color: 'blue'},
  'kubernetes-executor': {mark: '-', color: 'magenta'},
  'mke-ucp-authorization': {mark: '^', color: 'red'},
  kubernetes: {mark: '~', color: 'cyan'},
  helm: {mark: '+', color: 'cyan'},
  other: {mark: '.', color: 'gray'},
};

/** Colours used across screens. */
export const colors = {
  accent: 'cyan',
  simulated: 'magenta',
  real: 'red',
  muted: 'gray',
  danger: 'red',
  added: 'green',
  removed: 'red',
  hunk: 'cyan',
  error: 'red',
} as const;
