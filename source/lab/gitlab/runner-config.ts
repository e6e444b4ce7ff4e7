import {parse as parseToml} from 'smol-toml';
import {z} from 'zod';
import type {ClusterStore} from '../controllers/cluster.js';
import {podReady} from '../controllers/replicasets.js';
import type {LabObject} from '../types.js';

/** `[runners.kubernetes]` settings the lab's runner honours. */
export type KubernetesExecutorConfig = {
  readonly namespace: string;
  readonly image: string;
  readonly privileged: boolean;
  /** Empty: build pods get the namespace's `default` account. */
  readonly serviceAccount: string;
  readonly helperImage: string;
};

/** A runner manager found in the cluster: the chart's Deployment, its config, token and ready pod. */
export type RunnerInstance = {
  readonly namespace: string;
  readonly name: string;
  readonly deployment: LabObject;
  readonly pod: LabObject | undefined;
  /** The manager's own service account (`spec.serviceAccountName`). */
  readonly serviceAccount: string;
  readonly config: KubernetesExecutorConfig | {readonly error: string};
  readonly token: string | undefined;
};

const runnerToml = z.object({
  runners: z
    .array(
      z.object({
        kubernetes: z
          .object({
            namespace: z.string().optional(),
            image: z.string().optional(),
            privileged: z.boolean().optional(),
            service_account: z.string().optional(),
            helper_image: z.string().optional(),
          })
          .optional(),
      }),
    )
    .min(1),
});

/** Reads `[runners.kubernetes]` from the chart's rendered runner config. */
export function parseRunnerConfig(
  text: string,
  namespace: string,
): KubernetesExecutorConfig | {readonly error: string} {
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (error) {
    return {
      error: `parsing config template: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }

  const parsed = runnerToml.safeParse(data);
  if (!parsed.success) return {error: 'config template has no [[runners]] section'};
  const kubernetes = parsed.data.runners[0]?.kubernetes ?? {};
  return {
    namespace: kubernetes.namespace || namespace,
    image: kubernetes.image || 'alpine',
    privileged: kubernetes.privileged ?? false,
    serviceAccount: kubernetes.service_account ?? '',
    helperImage:
      kubernetes.helper_image ||
      'registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-latest',
  };
}

const objectMap = z.record(z.string(), z.unknown());
const stringMap = z.record(z.string(), z.string());

function secretNamesOf(deployment: LabObject): string[] {
  const text = JSON.stringify(deployment['spec'] ?? {});
  const names = new Set<string>();
  for (const match of text.matchAll(/"(?:secretName|name)":"([^"]+)"/g)) names.add(match[1]!);
  return [...names];
}

function tokenFrom(secret: LabObject | undefined): string | undefined {
  const data = stringMap.safeParse(secret?.['data'] ?? {});
  if (!data.success) return undefined;
  for (const key of ['runner-token', 'runner-registration-token']) {
    const value = data.data[key];
    const decoded = value ? Buffer.from(value, 'base64').toString('utf8').trim() : '';
    if (decoded !== '') return decoded;
  }

  return undefined;
}

function labelsMatch(pod: LabObject, selector: Record<string, unknown>): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/**
 * The chart's runners in the cluster: each ConfigMap carrying `config.template.toml` (the chart's
 * `runners.config`) whose Deployment of the same name exists.
 */
export function findRunners(store: ClusterStore): RunnerInstance[] {
  const found: RunnerInstance[] = [];
  for (const configMap of store.list('configmaps').items) {
    const data = stringMap.safeParse(configMap['data'] ?? {});
    const template = data.success ? data.data['config.template.toml'] : undefined;
    if (template === undefined) continue;
    const namespace = configMap.metadata.namespace ?? 'default';
    const {name} = configMap.metadata;
    const deployment = store.get('deployments', namespace, name);
    if (!deployment) continue;
    const spec = objectMap.safeParse(deployment['spec']);
    const selector = objectMap.safeParse(
      objectMap.safeParse(spec.success ? spec.data['selector'] : {}).data?.['matchLabels'] ?? {},
    );
    const podSpec = JSON.stringify(spec.success ? spec.data['template'] : {});
    const serviceAccount = /"serviceAccountName":"([^"]+)"/.exec(podSpec)?.[1] ?? 'default';
    const pod = store
      .list('pods', namespace)
      .items.filter((candidate) => selector.success && labelsMatch(candidate, selector.data))
      .find((candidate) => podReady(candidate));
    const secrets = [...secretNamesOf(deployment), name].map((secret) =>
      store.get('secrets', namespace, secret),
    );
    const token = secrets.map((secret) => tokenFrom(secret)).find((value) => value !== undefined);
    found.push({
      namespace,
      name,
      deployment,
      pod,
      serviceAccount,
      config: parseRunnerConfig(template, namespace),
      token,
    });
  }

  return found;
}
