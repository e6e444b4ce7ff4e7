import type {Lang} from '../i18n/text.js';
import type {ErrorText} from '../engine/errors.js';

/** The CLI's words for a mistake on the command line (argument parsing), in each language. */
export type UsageWords = {
  readonly seeHelp: string;
  readonly unknownCommand: (word: string, guess: string | undefined) => ErrorText;
  readonly unknownFlag: (flag: string, guess: string | undefined) => ErrorText;
  readonly flagNeedsValue: (flag: string) => ErrorText;
  /** node:util's own message, kept as it is. */
  readonly argsRefused: (toolMessage: string) => ErrorText;
  readonly flagNotFor: (flag: string, command: string) => ErrorText;
  readonly badSet: (key: string) => ErrorText;
  readonly badProfile: (profile: string) => ErrorText;
  readonly badLang: (lang: string) => ErrorText;
  readonly unexpectedArgument: (argument: string, command: string) => ErrorText;
  readonly logNeedsStep: ErrorText;
  readonly labNeedsAction: (action: string | undefined) => ErrorText;
  readonly simulateOrReal: ErrorText;
  readonly fromOrOnly: ErrorText;
};

const seeHelpEn = 'see `mke-runbook --help`';
const seeHelpJa = '`mke-runbook --help` を見てください';

const en: UsageWords = {
  seeHelp: seeHelpEn,
  unknownCommand: (word, guess) => ({
    message: `unknown command \`${word}\``,
    hint: guess ? `did you mean \`mke-runbook ${guess}\`? (see --help)` : seeHelpEn,
  }),
  unknownFlag: (flag, guess) => ({
    message: `unknown flag \`${flag}\``,
    hint: guess ? `did you mean \`--${guess}\`? (see --help)` : seeHelpEn,
  }),
  flagNeedsValue: (flag) => ({message: `\`${flag}\` needs a value`, hint: seeHelpEn}),
  argsRefused: (toolMessage) => ({message: toolMessage, hint: seeHelpEn}),
  flagNotFor: (flag, command) => ({
    message: `\`--${flag}\` does not apply to \`${command}\``,
    hint: seeHelpEn,
  }),
  badSet: (key) => ({
    message: `\`--set ${key}\` must look like --set name=value`,
    hint: 'parameter names are lower case: --set namespace=gitlab-runner',
  }),
  badProfile: (profile) => ({
    message: `profile name \`${profile}\` is not allowed`,
    hint: 'use letters, digits, dot, dash and underscore',
  }),
  badLang: (lang) => ({
    message: `\`--lang ${lang}\` is not a language this tool speaks`,
    hint: 'use --lang en or --lang ja',
  }),
  unexpectedArgument: (argument, command) => ({
    message: `unexpected argument \`${argument}\` after \`${command}\``,
    hint: seeHelpEn,
  }),
  logNeedsStep: {message: '`log` needs the step id: mke-runbook log STEP', hint: seeHelpEn},
  labNeedsAction: (action) => ({
    message: `\`lab\` needs one of start, stop, status, reset${action ? ` (not \`${action}\`)` : ''}`,
    hint: seeHelpEn,
  }),
  simulateOrReal: {message: 'give `--simulate` or `--real`, not both', hint: seeHelpEn},
  fromOrOnly: {message: 'give `--from` or `--only`, not both', hint: seeHelpEn},
};

const ja: UsageWords = {
  seeHelp: seeHelpJa,
  unknownCommand: (word, guess) => ({
    message: `\`${word}\` というコマンドはありません`,
    hint: guess ? `\`mke-runbook ${guess}\` のことですか？（--help を参照）` : seeHelpJa,
  }),
  unknownFlag: (flag, guess) => ({
    message: `\`${flag}\` というフラグはありません`,
    hint: guess ? `\`--${guess}\` のことですか？（--help を参照）` : seeHelpJa,
  }),
  flagNeedsValue: (flag) => ({message: `\`${flag}\` には値が必要です`, hint: seeHelpJa}),
  argsRefused: (toolMessage) => ({message: toolMessage, hint: seeHelpJa}),
  flagNotFor: (flag, command) => ({
    message: `\`--${flag}\` は \`${command}\` には使えません`,
    hint: seeHelpJa,
  }),
  badSet: (key) => ({
    message: `\`--set ${key}\` は --set 名前=値 の形で指定してください`,
    hint: 'パラメータ名は小文字です: --set namespace=gitlab-runner',
  }),
  badProfile: (profile) => ({
    message: `プロファイル名 \`${profile}\` は使えません`,
    hint: '英字、数字、ドット、ハイフン、アンダースコアを使ってください',
  }),
  badLang: (lang) => ({
    message: `\`--lang ${lang}\` はこのツールが話せる言語ではありません`,
    hint: '--lang en か --lang ja を指定してください',
  }),
  unexpectedArgument: (argument, command) => ({
    message: `\`${command}\` の後に余分な引数 \`${argument}\` があります`,
    hint: seeHelpJa,
  }),
  logNeedsStep: {
    message: '`log` にはステップ ID が必要です: mke-runbook log STEP',
    hint: seeHelpJa,
  },
  labNeedsAction: (action) => ({
    message: `\`lab\` には start、stop、status、reset のいずれかが必要です${action ? `（\`${action}\` ではありません）` : ''}`,
    hint: seeHelpJa,
  }),
  simulateOrReal: {
    message: '`--simulate` と `--real` はどちらか一方だけ指定してください',
    hint: seeHelpJa,
  },
  fromOrOnly: {message: '`--from` と `--only` はどちらか一方だけ指定してください', hint: seeHelpJa},
};

/** The command-line mistakes' words for `lang`. */
export function usageWords(lang: Lang): UsageWords {
  return lang === 'ja' ? ja : en;
}
