// Helm's flags (cobra: anywhere on the line, `--flag value` or `--flag=value`).

/** A parsed helm command line. */
export type HelmArgs = {
  readonly positional: readonly string[];
  readonly namespace: string | undefined;
  readonly values: readonly string[];
  readonly set: readonly string[];
  readonly kubeconfig: string | undefined;
  readonly output: string | undefined;
  readonly flags: ReadonlySet<string>;
};

const withValue: Readonly<Record<string, string>> = {
  '-n': 'namespace',
  '--namespace': 'namespace',
  '-f': 'values',
  '--values': 'values',
  '--set': 'set',
  '--set-string': 'set',
  '--kubeconfig': 'kubeconfig',
  '-o': 'output',
  '--output': 'output',
  '--version': 'ignored',
  '--kube-context': 'ignored',
  '--timeout': 'ignored',
  '--description': 'ignored',
  '--time-format': 'ignored',
};

/** Parses helm's arguments; an unknown flag is kept in `flags`. */
export function parseHelmArgs(args: readonly string[]): HelmArgs {
  const positional: string[] = [];
  const values: string[] = [];
  const set: string[] = [];
  const flags = new Set<string>();
  const single: Record<string, string> = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const [name = '', inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const kind = withValue[name];
    if (kind) {
      const value = inline ?? args[++index] ?? '';
      if (kind === 'values') values.push(value);
      else if (kind === 'set') set.push(value);
      else single[kind] = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      flags.add(name);
    } else {
      positional.push(arg);
    }
  }

  return {
    positional,
    namespace: single['namespace'],
    values,
    set,
    kubeconfig: single['kubeconfig'],
    output: single['output'],
    flags,
  };
}

/** Applies one `--set a.b=c` to a values tree (numbers and booleans as helm reads them). */
export function applySet(values: Record<string, unknown>, assignment: string): void {
  for (const part of assignment.split(/,(?=[^,=]+=)/)) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    const keys = part.slice(0, equals).split('.');
    const raw = part.slice(equals + 1);
    const value: unknown =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw !== '' && /^-?\d+$/.test(raw)
            ? Number(raw)
            : raw;
    let node: Record<string, unknown> = values;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }

    node[keys.at(-1) ?? ''] = value;
  }
}
