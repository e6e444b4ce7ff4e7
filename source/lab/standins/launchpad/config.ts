import {parse as parseYaml} from 'yaml';
import {z} from 'zod';
import {envsubst} from './envsubst.js';

// launchpad.yaml for `launchpad.mirantis.com/mke/v1.4` as Launchpad 1.3 validates it
// (facts.md §2.3): text → envsubst → YAML → these checks, with go-validator's wording.

const host = z.object({
  role: z.enum(['manager', 'worker', 'msr']),
  ssh: z.object({
    address: z.string().min(1),
    user: z.string().default('root'),
    port: z.number().int().min(1).max(65_535).default(22),
    keyPath: z.string().optional(),
  }),
  privateInterface: z.string().min(3).optional(),
});

const spec = z.object({
  hosts: z.array(host).min(1),
  mke: z.object({
    version: z.string().min(1),
    imageRepo: z.string().optional(),
    // An empty value (an unset `${VAR}`) is absent: the MKE installer then generates one.
    adminUsername: z
      .string()
      .nullish()
      .transform((value) => value || undefined),
    adminPassword: z
      .string()
      .nullish()
      .transform((value) => value || undefined),
    installFlags: z.array(z.string()).default([]),
  }),
  mcr: z
    .object({
      version: z.string().default('20.10.0'),
      channel: z.string().default('stable'),
      repoURL: z.string().default('https://repos.mirantis.com'),
    })
    .default({version: '20.10.0', channel: 'stable', repoURL: 'https://repos.mirantis.com'}),
  cluster: z.object({prune: z.boolean().default(false)}).default({prune: false}),
});

const document = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z
    .object({name: z.string().min(1).default('launchpad-mke')})
    .default({name: 'launchpad-mke'}),
  spec,
});

/** A validated launchpad.yaml. */
export type LaunchpadConfig = z.infer<typeof document>;

/** A host of the config. */
export type LaunchpadHost = LaunchpadConfig['spec']['hosts'][number];

/** The go-validator field path of a zod issue, e.g. `ClusterConfig.Spec.MKE.Version`. */
function fieldPath(path: readonly PropertyKey[]): string {
  const names: Record<string, string> = {
    spec: 'Spec',
    mke: 'MKE',
    mcr: 'MCR',
    hosts: 'Hosts',
    ssh: 'SSH',
    metadata: 'Metadata',
  };
  const parts = path.map((part) =>
    typeof part === 'number'
      ? `[${part}]`
      : (names[String(part)] ?? String(part).charAt(0).toUpperCase() + String(part).slice(1)),
  );
  return ['ClusterConfig', ...parts].join('.').replaceAll('.[', '[');
}

/** Parses and validates launchpad.yaml text; errors are Launchpad's messages. */
export function parseLaunchpadConfig(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): {readonly config: LaunchpadConfig} | {readonly error: string} {
  let raw: unknown;
  try {
    raw = parseYaml(envsubst(text, env)) as unknown;
  } catch (error) {
    return {
      error: `failed to parse config: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }

  const head = z.object({apiVersion: z.string(), kind: z.string()}).safeParse(raw);
  if (!head.success) return {error: 'failed to parse config: apiVersion or kind missing'};
  if (head.data.apiVersion !== 'launchpad.mirantis.com/mke/v1.4') {
    return {error: `unknown apiVersion ${head.data.apiVersion}`};
  }

  if (head.data.kind !== 'mke' && head.data.kind !== 'mke+msr') {
    return {
      error: `failed to validate config: Key: 'ClusterConfig.Kind' Error:Field validation for 'Kind' failed on the 'oneof' tag`,
    };
  }

  const parsed = document.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const field = fieldPath(issue.path);
      const last = field.split('.').at(-1) ?? field;
      const tag =
        issue.code === 'invalid_type' && issue.input === undefined
          ? 'required'
          : issue.code === 'too_small'
            ? 'min'
            : issue.code === 'invalid_value'
              ? 'oneof'
              : 'valid';
      return `Key: '${field}' Error:Field validation for '${last}' failed on the '${tag}' tag`;
    });
    return {error: `failed to validate config: ${lines.join('\n')}`};
  }

  if (!parsed.data.spec.hosts.some((h) => h.role === 'manager')) {
    return {error: 'failed to validate config: at least one manager host is required'};
  }

  return {config: parsed.data};
}

/** The MKE URL's host: the first `--san` install flag, else the first manager's address. */
export function mkeHost(config: LaunchpadConfig): string {
  for (const flag of config.spec.mke.installFlags) {
    const match = /^--san[= ](.+)$/.exec(flag.trim());
    if (match?.[1]) return match[1].trim();
  }

  return config.spec.hosts.find((h) => h.role === 'manager')?.ssh.address ?? '';
}
