import {parse} from 'smol-toml';
import {z} from 'zod';

const runnerConfig = z.looseObject({
  runners: z
    .array(
      z.looseObject({
        kubernetes: z.looseObject({privileged: z.boolean().optional()}).optional(),
      }),
    )
    .optional(),
});

/** Whether `privileged = true` is set under `[runners.kubernetes]` of the first `[[runners]]` (throws on bad TOML). */
export function runnerTomlPrivileged(toml: string): boolean {
  const config = runnerConfig.parse(parse(toml));
  return config.runners?.[0]?.kubernetes?.privileged === true;
}

/**
 * Sets `privileged = <value>` under `[runners.kubernetes]`, editing lines only: an existing
 * `privileged` line is rewritten, else the line goes after `namespace`/`image` (the article's
 * place) with their indentation. Returns the lines unchanged when there is no such table.
 */
export function setTomlPrivileged(lines: readonly string[], value: boolean): string[] {
  const header = lines.findIndex((line) => /^\s*\[runners\.kubernetes\]\s*(?:#.*)?$/.test(line));
  if (header === -1) return [...lines];
  let end = lines.findIndex((line, index) => index > header && /^\s*\[/.test(line));
  if (end === -1) end = lines.length;
  const table = lines.slice(header + 1, end);
  const existing = table.findIndex((line) => /^\s*privileged\s*=/.test(line));
  const result = [...lines];
  if (existing !== -1) {
    const line = table[existing] ?? '';
    result[header + 1 + existing] = line.replace(/=\s*\S+/, `= ${String(value)}`);
    return result;
  }

  let anchor = -1;
  for (const [index, line] of table.entries()) {
    if (/^\s*(?:namespace|image)\s*=/.test(line)) anchor = index;
  }

  const after = anchor === -1 ? 0 : anchor + 1;
  const model = table[anchor === -1 ? 0 : anchor];
  const indent =
    model === undefined || model.trim() === ''
      ? `${/^\s*/.exec(lines[header] ?? '')?.[0] ?? ''}  `
      : (/^\s*/.exec(model)?.[0] ?? '');
  result.splice(header + 1 + after, 0, `${indent}privileged = ${String(value)}`);
  return result;
}
