// Line-level editing of one key in one section of a TOML file, so that everything else
// in the file (comments, order, spacing) stays byte for byte as it was.

/** Where a `key = value` assignment sits in the text (value may span lines). */
type Assignment = {readonly start: number; readonly end: number; readonly indent: string};

function sectionBounds(text: string, section: string): {start: number; end: number} | undefined {
  const header = new RegExp(
    String.raw`^[ \t]*\[${section.replaceAll('.', String.raw`\.`)}\][ \t]*(?:#.*)?$`,
    'm',
  );
  const match = header.exec(text);
  if (!match) return undefined;
  const start = match.index + match[0].length;
  const next = /^[ \t]*\[/m.exec(text.slice(start));
  return {start, end: next ? start + next.index : text.length};
}

// The end of a value starting at `from`: arrays may span lines and hold quoted `]`.
function valueEnd(text: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let index = from; index < text.length; index++) {
    const char = text.charAt(index);
    if (quote) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = undefined;
      continue;
    }

    if (char === '"' || char === "'") quote = char;
    else if (char === '[') depth++;
    else if (char === ']') depth--;
    else if (char === '#' && depth === 0) return index;
    else if (char === '\n' && depth <= 0) return index;
  }

  return text.length;
}

function findAssignment(text: string, bounds: {start: number; end: number}, key: string) {
  const pattern = new RegExp(String.raw`^([ \t]*)${key}[ \t]*=[ \t]*`, 'm');
  const match = pattern.exec(text.slice(bounds.start, bounds.end));
  if (!match) return undefined;
  const start = bounds.start + match.index;
  const end = valueEnd(text, start + match[0].length);
  return {start, end, indent: match[1] ?? ''} satisfies Assignment;
}

/** Sets `key = <value>` in `[section]`, in place when the key exists, else as the section's first key; adds the section when missing. */
export function setTomlKey(text: string, section: string, key: string, value: string): string {
  const bounds = sectionBounds(text, section);
  if (!bounds) {
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${separator}\n[${section}]\n  ${key} = ${value}\n`;
  }

  const existing = findAssignment(text, bounds, key);
  if (existing) {
    const tail = text.slice(existing.end);
    const spacing = tail.startsWith('#') ? ' ' : '';
    return `${text.slice(0, existing.start)}${existing.indent}${key} = ${value}${spacing}${tail}`;
  }

  const firstKey = /^([ \t]*)[A-Za-z0-9_"-]+[ \t]*=/m.exec(text.slice(bounds.start, bounds.end));
  const indent = firstKey?.[1] ?? '  ';
  const lineEnd = text.indexOf('\n', bounds.start);
  const at = lineEnd === -1 ? text.length : lineEnd + 1;
  const newline = lineEnd === -1 ? '\n' : '';
  return `${text.slice(0, at)}${newline}${indent}${key} = ${value}\n${text.slice(at)}`;
}

/** A TOML array of strings, on one line. */
export function tomlStringArray(values: readonly string[]): string {
  return `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
}
