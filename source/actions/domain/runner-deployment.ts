import {z} from 'zod';
import type {KubeObject, KubePort} from '../../integrations/kube-port.js';

/** What the chart actually rendered: names the rest of the procedure must use. */
export type RunnerIdentity = {
  readonly deployment: KubeObject;
  /** The runner manager's service account: the requester of build pods. */
  readonly serviceAccount: string;
  /** The build pods' service account (`[runners.kubernetes] service_account`, else `default`). */
  readonly buildServiceAccount: string;
};

const labelled = z.looseObject({
  metadata: z.looseObject({labels: z.record(z.string(), z.string()).optional()}),
});
const podSpec = z.looseObject({
  spec: z.looseObject({
    template: z.looseObject({
      spec: z.looseObject({
        serviceAccountName: z.string().optional(),
        serviceAccount: z.string().optional(),
      }),
    }),
  }),
});
const configMap = z.looseObject({data: z.record(z.string(), z.string()).optional()});

const labelsOf = (object: KubeObject) => {
  const parsed = labelled.safeParse(object);
  return parsed.success ? (parsed.data.metadata.labels ?? {}) : {};
};

const ofRelease = (release: string) => (object: KubeObject) => {
  const labels = labelsOf(object);
  return labels['release'] === release || labels['app.kubernetes.io/instance'] === release;
};

/**
 * Finds the runner's Deployment — by the chart's `release` label, else by the names the
 * 2021 chart (`<release>-gitlab-runner`) and current charts (`<release>`) give it.
 */
export async function findRunnerDeployment(
  kube: KubePort,
  namespace: string,
  release: string,
  name?: string,
): Promise<KubeObject | undefined> {
  if (name !== undefined) return kube.get('apps/v1', 'Deployment', name, namespace);
  const deployments = await kube.list('apps/v1', 'Deployment', namespace);
  const candidates = [`${release}-gitlab-runner`, release];
  return (
    deployments.find(ofRelease(release)) ??
    candidates
      .map((candidate) => deployments.find((d) => d.metadata.name === candidate))
      .find(Boolean)
  );
}

/** The service accounts of the runner and of its build pods. */
export async function runnerIdentity(
  kube: KubePort,
  namespace: string,
  release: string,
  name?: string,
): Promise<RunnerIdentity | undefined> {
  const deployment = await findRunnerDeployment(kube, namespace, release, name);
  if (!deployment) return undefined;
  const parsed = podSpec.safeParse(deployment);
  const spec = parsed.success ? parsed.data.spec.template.spec : {};
  const serviceAccount = spec.serviceAccountName ?? spec.serviceAccount ?? 'default';
  return {
    deployment,
    serviceAccount,
    buildServiceAccount: await buildAccount(kube, namespace, release),
  };
}

async function buildAccount(kube: KubePort, namespace: string, release: string): Promise<string> {
  // The chart renders runners.config into its ConfigMap; build pods use its service_account.
  const maps = await kube.list('v1', 'ConfigMap', namespace).catch(() => []);
  for (const map of maps.filter(ofRelease(release))) {
    const parsed = configMap.safeParse(map);
    for (const text of Object.values(parsed.success ? (parsed.data.data ?? {}) : {})) {
      const found = /^\s*service_account\s*=\s*"([^"]+)"/m.exec(text);
      if (found?.[1]) return found[1];
    }
  }
  return 'default';
}

/** The outputs a step records from a runner identity. */
export function identityOutputs(namespace: string, identity: RunnerIdentity) {
  return {
    deployment: identity.deployment.metadata.name,
    serviceAccount: identity.serviceAccount,
    qualified: `${namespace}:${identity.serviceAccount}`,
    buildServiceAccount: identity.buildServiceAccount,
    buildQualified: `${namespace}:${identity.buildServiceAccount}`,
  };
}
