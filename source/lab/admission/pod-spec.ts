import type {LabObject} from '../types.js';

/** A pod spec found in an object: the pod's own, or a workload's pod template. */
export type FoundPodSpec = {
  readonly spec: Readonly<Record<string, unknown>>;
  /** The namespace the pods will run in. */
  readonly namespace: string;
  /** `spec.serviceAccountName`, or `default` as the ServiceAccount admission plugin sets it. */
  readonly serviceAccount: string;
};

/** Reads a property of plain JSON data without trusting its shape. */
export function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return (value as Record<string, unknown>)[key];
}

/** An array property, or an empty array when absent or not an array. */
export function arrayField(value: unknown, key: string): readonly unknown[] {
  const found = field(value, key);
  return Array.isArray(found) ? found : [];
}

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return value as Record<string, unknown>;
}

// Where each workload keeps its pod template (CronJob nests it one level deeper).
const templatePaths: Readonly<Record<string, readonly string[]>> = {
  pods: ['spec'],
  deployments: ['spec', 'template', 'spec'],
  replicasets: ['spec', 'template', 'spec'],
  statefulsets: ['spec', 'template', 'spec'],
  daemonsets: ['spec', 'template', 'spec'],
  replicationcontrollers: ['spec', 'template', 'spec'],
  jobs: ['spec', 'template', 'spec'],
  cronjobs: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The pod spec an admission request carries, if the resource has one. */
export function findPodSpec(
  resource: string,
  namespace: string | undefined,
  object: LabObject,
): FoundPodSpec | undefined {
  const path = templatePaths[resource];
  if (!path) return undefined;
  let current: unknown = object;
  for (const key of path) current = field(current, key);
  const spec = record(current);
  if (!spec) return undefined;
  const serviceAccount = field(spec, 'serviceAccountName') ?? field(spec, 'serviceAccount');
  return {
    spec,
    namespace: namespace ?? object.metadata.namespace ?? 'default',
    serviceAccount:
      typeof serviceAccount === 'string' && serviceAccount !== '' ? serviceAccount : 'default',
  };
}

/** Every container of a pod spec with its field path, init containers included. */
export function containersOf(
  spec: Readonly<Record<string, unknown>>,
): ReadonlyArray<{readonly path: string; readonly container: unknown}> {
  const found: Array<{path: string; container: unknown}> = [];
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const [index, container] of arrayField(spec, key).entries()) {
      found.push({path: `spec.${key}[${index}]`, container});
    }
  }
  return found;
}
