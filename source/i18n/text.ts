/** The languages the app speaks. */
export type Lang = 'en' | 'ja';

/** A text the runbook gives in both languages. */
export type I18nText = {readonly en: string; readonly ja: string};

/** Picks the text for `lang`, falling back to English. */
export function pick(text: I18nText, lang: Lang): string {
  return text[lang] || text.en;
}

/** The language from `--lang`, else from `LANG`/`LC_ALL` (ja* → Japanese), else English. */
export function langFromEnvironment(env: Readonly<Record<string, string | undefined>>): Lang {
  const value = env['LC_ALL'] ?? env['LC_MESSAGES'] ?? env['LANG'] ?? '';
  return value.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
