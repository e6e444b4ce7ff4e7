/** The mask a secret is replaced with. */
export const mask = '••••';

// Shorter values would mask ordinary text everywhere ("a" in every word) and protect nothing.
const minimumLength = 3;

/** Masks known secret values in text: the value, its base64 form and its URL-encoded form. */
export type Redactor = {
  readonly add: (secret: string) => void;
  readonly redact: (text: string) => string;
  /** Redacts each line; the same array back when there is nothing to mask (no copy on a flood). */
  readonly redactLines: (lines: readonly string[]) => readonly string[];
  /** Redacts every string inside a plain value (arrays, objects). */
  readonly redactDeep: <T>(value: T) => T;
  /** The secrets it was given (to build the same redactor elsewhere, e.g. on a worker). */
  readonly values: () => readonly string[];
  /** Every form it masks (the values, base64, URL-encoded), to look for in raw bytes. */
  readonly forms: () => readonly string[];
};

/** A redactor that starts with `secrets` and learns more with `add`. */
export function createRedactor(secrets: readonly string[] = []): Redactor {
  const forms = new Set<string>();
  const given = new Set<string>();
  let pattern: RegExp | undefined;
  const add = (secret: string): void => {
    if (secret.length < minimumLength) {
      return;
    }

    given.add(secret);
    for (const form of [
      secret,
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64').replace(/=+$/, ''),
      encodeURIComponent(secret),
    ]) {
      forms.add(form);
    }

    // Longest first, so a value that contains another is masked whole.
    pattern = new RegExp(
      [...forms]
        .toSorted((a, b) => b.length - a.length)
        .map((form) => form.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
  };

  const redact = (text: string): string => (pattern ? text.replace(pattern, mask) : text);
  const redactLines = (lines: readonly string[]): readonly string[] =>
    pattern ? lines.map(redact) : lines;
  const redactDeep = <T>(value: T): T => deep(value, redact) as T;
  for (const secret of secrets) {
    add(secret);
  }

  return {add, redact, redactLines, redactDeep, values: () => [...given], forms: () => [...forms]};
}

function deep(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') {
    return redact(value);
  }

  if (Array.isArray(value)) {
    return value.map((item: unknown) => deep(item, redact));
  }

  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, deep(item, redact)]),
    );
  }

  return value;
}
