import {readFile, readdir} from 'node:fs/promises';
import path from 'node:path';

// Looking for secrets where they must not be: every form a value could leak in, in every file.

/** Every form a secret could leak in: plain, base64 (also from inside a longer text), URL-encoded. */
export function leakForms(secret: string): string[] {
  const base64 = Buffer.from(secret).toString('base64');
  // Base64 of the secret inside a longer text starts at any of three byte offsets.
  const shifted = [1, 2].map((shift) =>
    Buffer.from(`${'x'.repeat(shift)}${secret}`)
      .toString('base64')
      .slice(4)
      .slice(0, -4),
  );
  return [
    secret,
    base64.replace(/=+$/, ''),
    base64.slice(0, -4),
    ...shifted,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ].filter((form) => form.length >= 8);
}

/** Every file below `top`. */
export async function filesUnder(top: string): Promise<string[]> {
  const entries = await readdir(top, {recursive: true, withFileTypes: true});
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** `file: form` for each form of `secrets` found in a file's bytes (read as latin1, so any byte matches). */
export async function leaksIn(
  files: readonly string[],
  secrets: readonly string[],
): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    const bytes = await readFile(file, 'latin1');
    for (const secret of secrets)
      for (const form of leakForms(secret))
        if (bytes.includes(form)) found.push(`${file}: ${form}`);
  }

  return found;
}
