import {parseArgs} from 'node:util';
import type {Lang} from '../i18n/text.js';
import {commandSpecs, flagSpecs, type CommandName} from './flags.js';
import {closest, usageError} from './usage-error.js';
import {usageWords} from './usage-words.js';

/** Flags common to every command, after checking. */
export type CommonOptions = {
  readonly profile: string;
  /** From `--state-dir`; the environment and the default are applied later. */
  readonly stateDir: string | undefined;
  readonly lang: Lang | undefined;
  readonly json: boolean;
};

/** Flags of `run` (and, in part, `plan` and `export`). */
export type RunOptions = {
  readonly yes: boolean;
  readonly from: string | undefined;
  readonly only: string | undefined;
  /** `--simulate` → simulated, `--real` → real, neither → decide from what is installed. */
  readonly target: 'simulated' | 'real' | 'auto';
  /** `--set k=v`, in order (a later one wins). */
  readonly set: Readonly<Record<string, string>>;
  readonly paramsFile: string | undefined;
};

/** `run`, `status`, `plan` and `export`: a runbook and the run flags. */
export type RunLikeCommand = {
  readonly kind: 'run' | 'status' | 'plan' | 'export';
  readonly runbook: string | undefined;
  readonly common: CommonOptions;
  readonly run: RunOptions;
};

/** What the command line asks for. */
export type CliCommand =
  | {readonly kind: 'help'}
  | {readonly kind: 'version'}
  | RunLikeCommand
  | {
      readonly kind: 'reset';
      readonly runbook: string | undefined;
      readonly step: string | undefined;
      readonly common: CommonOptions;
    }
  | {readonly kind: 'log'; readonly step: string; readonly common: CommonOptions}
  | {
      readonly kind: 'lab';
      readonly action: 'start' | 'stop' | 'status' | 'reset';
      readonly common: CommonOptions;
    };

const commandNames = commandSpecs.map((spec) => spec.name);
const profilePattern = /^[\w.-]{1,64}$/u;
const paramKeyPattern = /^[a-z][a-z\d_]*$/u;

function isCommand(word: string): word is CommandName {
  return commandNames.some((name) => name === word);
}

function parseSet(values: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf('=');
    const key = equals === -1 ? value : value.slice(0, equals);
    if (equals === -1 || !paramKeyPattern.test(key)) {
      throw usageError((lang) => usageWords(lang).badSet(key));
    }

    result[key] = value.slice(equals + 1);
  }

  return result;
}

function firstCommand(positionals: readonly string[]): {command: CommandName; rest: string[]} {
  const [first, ...rest] = positionals;
  if (first === undefined) return {command: 'run', rest: []};
  if (isCommand(first)) return {command: first, rest};
  // `mke-runbook runbooks/x.yaml` means `run runbooks/x.yaml`.
  if (/\.ya?ml$/u.test(first) || first.includes('/'))
    return {command: 'run', rest: [first, ...rest]};
  const guess = closest(first, commandNames);
  throw usageError((lang) => usageWords(lang).unknownCommand(first, guess));
}

// node:util's messages are long and generic; name the flag and guess the intended one.
function parseError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '(-{1,2}[^']*)'/u.exec(message)?.[1];
  if (unknown !== undefined) {
    const guess = closest(
      unknown.replace(/^-+/u, ''),
      flagSpecs.map((spec) => spec.name),
    );
    return usageError((lang) => usageWords(lang).unknownFlag(unknown, guess));
  }

  const needsValue = /^Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/u.exec(message)?.[1];
  if (needsValue !== undefined)
    return usageError((lang) => usageWords(lang).flagNeedsValue(needsValue));
  const first = message.split('\n')[0] ?? message;
  return usageError((lang) => usageWords(lang).argsRefused(first));
}

/** Turns the arguments (without `node` and the script) into a command; throws a usage RunbookError. */
export function parseCommandLine(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        flagSpecs.map((spec) => [
          spec.name,
          {
            type: spec.type,
            multiple: spec.multiple ?? false,
            ...(spec.short ? {short: spec.short} : {}),
          },
        ]),
      ),
    });
  } catch (error) {
    throw parseError(error);
  }

  const {values, positionals} = parsed;
  const given = (name: string): boolean => values[name] !== undefined;
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };

  if (given('help')) return {kind: 'help'};
  if (given('version')) return {kind: 'version'};
  const {command, rest} = firstCommand(positionals);
  if (command === 'help') return {kind: 'help'};

  for (const spec of flagSpecs) {
    if (given(spec.name) && spec.commands && !spec.commands.includes(command)) {
      throw usageError((lang) => usageWords(lang).flagNotFor(spec.name, command));
    }
  }

  const profile = text('profile') ?? 'default';
  if (!profilePattern.test(profile)) {
    throw usageError((lang) => usageWords(lang).badProfile(profile));
  }

  const lang = text('lang');
  if (lang !== undefined && lang !== 'en' && lang !== 'ja') {
    throw usageError((say) => usageWords(say).badLang(lang));
  }

  const common: CommonOptions = {
    profile,
    stateDir: text('state-dir'),
    lang,
    json: values['json'] === true,
  };
  const tooMany = (max: number): void => {
    if (rest.length > max)
      throw usageError((lang) => usageWords(lang).unexpectedArgument(rest[max] ?? '', command));
  };

  switch (command) {
    case 'log': {
      tooMany(1);
      const [step] = rest;
      if (step === undefined) throw usageError((lang) => usageWords(lang).logNeedsStep);
      return {kind: 'log', step, common};
    }

    case 'lab': {
      tooMany(1);
      const [action] = rest;
      if (action !== 'start' && action !== 'stop' && action !== 'status' && action !== 'reset') {
        throw usageError((lang) => usageWords(lang).labNeedsAction(action));
      }

      return {kind: 'lab', action, common};
    }

    case 'reset': {
      tooMany(1);
      return {kind: 'reset', runbook: rest[0], step: text('step'), common};
    }

    default: {
      tooMany(1);
      if (given('simulate') && given('real'))
        throw usageError((lang) => usageWords(lang).simulateOrReal);
      if (given('from') && given('only')) throw usageError((lang) => usageWords(lang).fromOrOnly);
      const set = values['set'];
      const run: RunOptions = {
        yes: values['yes'] === true,
        from: text('from'),
        only: text('only'),
        target: given('simulate') ? 'simulated' : given('real') ? 'real' : 'auto',
        set: parseSet(Array.isArray(set) ? set.filter((item) => typeof item === 'string') : []),
        paramsFile: text('params'),
      };
      return {kind: command, runbook: rest[0], common, run};
    }
  }
}
