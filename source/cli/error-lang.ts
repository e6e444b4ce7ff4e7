import {langFromEnvironment, type Lang} from '../i18n/text.js';

/**
 * The language an error is told in: the last readable `--lang` on the command line (read
 * here, not from the parsed command, because the command line itself may be the error),
 * else the environment's.
 */
export function errorLang(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Lang {
  let lang: Lang | undefined;
  for (const [index, argument] of argv.entries()) {
    if (argument === '--') break;
    const value =
      argument === '--lang'
        ? argv[index + 1]
        : argument.startsWith('--lang=')
          ? argument.slice('--lang='.length)
          : undefined;
    if (value === 'en' || value === 'ja') lang = value;
  }

  return lang ?? langFromEnvironment(env);
}
