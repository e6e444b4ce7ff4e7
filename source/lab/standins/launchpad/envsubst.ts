// a8m/envsubst as Launchpad uses it on the config file: `${VAR}`, `${VAR:-default}`,
// `${VAR-default}` and `$VAR`; an unset variable becomes the empty string.

/** Substitutes environment variables into `text`. */
export function envsubst(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replaceAll(
    /\$\{([A-Za-z_]\w*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_]\w*)/g,
    (
      _whole,
      braced: string | undefined,
      operator: string | undefined,
      fallback: string | undefined,
      bare: string | undefined,
    ) => {
      const name = braced ?? bare ?? '';
      const value = env[name];
      if (operator === ':-') return value === undefined || value === '' ? (fallback ?? '') : value;
      if (operator === '-') return value ?? fallback ?? '';
      return value ?? '';
    },
  );
}
