import type {I18nText} from '../i18n/text.js';

// The first frame shows the runbook's title before yaml and zod are loaded (they cost more
// than the whole first-frame budget). This reads only the two plain forms runbooks use for
// the top-level title; anything else is "not sure" and the caller shows the file name.
// The real load still validates everything: this never decides what runs.

const topTitle = /^title:[ \t]*(.*)$/mu;
const flowEntry = /^\s*(en|ja)\s*:\s*(.*?)\s*$/u;
const blockEntry = /^[ \t]+(en|ja):[ \t]*(.*?)[ \t]*$/u;

function scalar(raw: string): string | undefined {
  const text = raw.replace(/\s+#.*$/u, '').trim();
  if (text === '') return undefined;
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const inner = text.slice(1, -1);
    if (text.length < 2 || text.at(-1) !== quote || inner.includes(quote) || inner.includes('\\'))
      return undefined;
    return inner;
  }

  // Block scalars, anchors, aliases, tags and nested collections are left to the real parser.
  return /^[|>&*!{[@`]/u.test(text) ? undefined : text;
}

function fromEntries(entries: ReadonlyArray<readonly [string, string]>): I18nText | undefined {
  const found: Record<string, string> = {};
  for (const [key, raw] of entries) {
    const value = scalar(raw);
    if (value === undefined || key in found) return undefined;
    found[key] = value;
  }

  const {en, ja} = found;
  return en === undefined || ja === undefined ? undefined : {en, ja};
}

/** The runbook's top-level `title` read from its text without parsing it; undefined when unsure. */
export function peekTitle(text: string): I18nText | undefined {
  const match = topTitle.exec(text);
  if (!match) return undefined;
  const rest = (match[1] ?? '').replace(/\s+#.*$/u, '').trim();
  if (rest.startsWith('{')) {
    if (!rest.endsWith('}')) return undefined;
    const parts = rest.slice(1, -1).split(',');
    const entries = parts.map((part) => flowEntry.exec(part));
    if (entries.some((entry) => entry === null)) return undefined;
    return fromEntries(entries.map((entry) => [entry?.[1] ?? '', entry?.[2] ?? ''] as const));
  }

  if (rest !== '') return undefined;
  const after = text.slice(match.index + match[0].length + 1).split('\n');
  const entries: Array<readonly [string, string]> = [];
  for (const line of after) {
    if (line.trim() === '' || /^\s+#/u.test(line)) continue;
    const entry = blockEntry.exec(line);
    // An indented line that is not `en:`/`ja:` continues a value: the real parser's business.
    if (!entry && /^\s/u.test(line)) return undefined;
    if (!entry) break;
    entries.push([entry[1] ?? '', entry[2] ?? '']);
  }

  return fromEntries(entries);
}
