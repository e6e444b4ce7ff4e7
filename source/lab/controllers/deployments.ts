import {createHash} from 'node:crypto';
import type {LabObject} from '../types.js';
import {controllerRef, ownedBy, type ClusterStore, tryUpdate} from './cluster.js';
import {recordEvent} from './events.js';

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}

const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** The pod-template-hash label: a stable, Kubernetes-alphabet hash of the template. */
export function templateHash(template: unknown): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(template ?? {}))
    .digest();
  return [...digest.subarray(0, 10)]
    .map((byte) => safeAlphabet[byte % safeAlphabet.length])
    .join('');
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function condition(
  previous: unknown[],
  type: string,
  status: string,
  reason: string,
  message: string,
) {
  const before = previous.map(record).find((entry) => entry['type'] === type);
  const same = before?.['status'] === status && before['reason'] === reason;
  const time = now();
  return {
    type,
    status,
    lastUpdateTime: same ? before['lastUpdateTime'] : time,
    lastTransitionTime: before?.['status'] === status ? before['lastTransitionTime'] : time,
    reason,
    message,
  };
}

function ensureReplicaSet(store: ClusterStore, deployment: LabObject, hash: string): LabObject {
  const spec = record(deployment['spec']);
  const template = record(spec['template']);
  const templateMeta = record(template['metadata']);
  const labels = {...record(templateMeta['labels']), 'pod-template-hash': hash};
  const name = `${deployment.metadata.name}-${hash}`;
  const namespace = deployment.metadata.namespace;
  const replicas = Number(spec['replicas'] ?? 1);
  const existing = store.get('replicasets', namespace, name);
  if (existing) {
    const existingSpec = record(existing['spec']);
    if (existingSpec['replicas'] !== replicas) {
      tryUpdate(store, 'replicasets', {...existing, spec: {...existingSpec, replicas}});
      recordEvent(store, deployment, {
        reason: 'ScalingReplicaSet',
        message: `Scaled ${Number(existingSpec['replicas']) < replicas ? 'up' : 'down'} replica set ${name} to ${replicas}`,
        component: 'deployment-controller',
      });
    }

    return existing;
  }

  const selector = record(spec['selector']);
  const created = store.create('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace,
      labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + 1),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [controllerRef(deployment)],
    },
    spec: {
      replicas,
      selector: {
        ...selector,
        matchLabels: {...record(selector['matchLabels']), 'pod-template-hash': hash},
      },
      template: {...template, metadata: {...templateMeta, labels}},
    },
    status: {replicas: 0},
  });
  recordEvent(store, deployment, {
    reason: 'ScalingReplicaSet',
    message: `Scaled up replica set ${name} to ${replicas}`,
    component: 'deployment-controller',
  });
  return created;
}

/** Brings a Deployment's ReplicaSets and status in line with its spec, as Kubernetes' controller does. */
export function reconcileDeployment(store: ClusterStore, namespace: string, name: string): void {
  const deployment = store.get('deployments', namespace, name);
  if (!deployment) return;
  const spec = record(deployment['spec']);
  const hash = templateHash(spec['template']);
  const current = ensureReplicaSet(store, deployment, hash);
  const all = ownedBy(store, 'replicasets', deployment);
  for (const old of all) {
    const oldSpec = record(old['spec']);
    if (old.metadata.name === current.metadata.name || oldSpec['replicas'] === 0) continue;
    tryUpdate(store, 'replicasets', {...old, spec: {...oldSpec, replicas: 0}});
    recordEvent(store, deployment, {
      reason: 'ScalingReplicaSet',
      message: `Scaled down replica set ${old.metadata.name} to 0`,
      component: 'deployment-controller',
    });
  }

  const statusOf = (rs: LabObject, key: string) => Number(record(rs['status'])[key] ?? 0);
  const wanted = Number(spec['replicas'] ?? 1);
  const fresh = store.get('replicasets', namespace, current.metadata.name) ?? current;
  const replicas = all.reduce((sum, rs) => sum + statusOf(rs, 'replicas'), 0);
  const ready = all.reduce((sum, rs) => sum + statusOf(rs, 'readyReplicas'), 0);
  const available = all.reduce((sum, rs) => sum + statusOf(rs, 'availableReplicas'), 0);
  const updated = statusOf(fresh, 'replicas');
  const previous = Array.isArray(record(deployment['status'])['conditions'])
    ? (record(deployment['status'])['conditions'] as unknown[])
    : [];
  const rsName = current.metadata.name;
  const complete = available >= wanted && updated >= wanted;
  const status: Json = {
    observedGeneration: deployment.metadata['generation'] ?? 1,
    replicas,
    updatedReplicas: updated,
    ...(ready > 0 ? {readyReplicas: ready} : {}),
    ...(available > 0 ? {availableReplicas: available} : {}),
    ...(wanted - available > 0 ? {unavailableReplicas: wanted - available} : {}),
    conditions: [
      available >= wanted
        ? condition(
            previous,
            'Available',
            'True',
            'MinimumReplicasAvailable',
            'Deployment has minimum availability.',
          )
        : condition(
            previous,
            'Available',
            'False',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
          ),
      complete
        ? condition(
            previous,
            'Progressing',
            'True',
            'NewReplicaSetAvailable',
            `ReplicaSet "${rsName}" has successfully progressed.`,
          )
        : condition(
            previous,
            'Progressing',
            'True',
            'ReplicaSetUpdated',
            `ReplicaSet "${rsName}" is progressing.`,
          ),
    ],
  };
  tryUpdate(store, 'deployments', {...deployment, status});
}
