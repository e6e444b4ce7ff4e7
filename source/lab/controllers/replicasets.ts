import type {LabObject} from '../types.js';
import {controllerRef, ownedBy, type ClusterStore, tryDelete, tryUpdate} from './cluster.js';
import {recordEvent} from './events.js';

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}

function stringRecord(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record(value)).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** True when a pod's Ready condition is True. */
export function podReady(pod: LabObject): boolean {
  const conditions = record(pod['status'])['conditions'];
  return (
    Array.isArray(conditions) &&
    conditions.some(
      (entry) => record(entry)['type'] === 'Ready' && record(entry)['status'] === 'True',
    )
  );
}

/** Brings a ReplicaSet's pods and status in line with its spec. */
export function reconcileReplicaSet(store: ClusterStore, namespace: string, name: string): void {
  const replicaSet = store.get('replicasets', namespace, name);
  if (!replicaSet) return;
  const spec = record(replicaSet['spec']);
  const wanted = Number(spec['replicas'] ?? 1);
  const template = record(spec['template']);
  let pods = ownedBy(store, 'pods', replicaSet).filter((pod) => !pod.metadata['deletionTimestamp']);
  for (let count = pods.length; count < wanted; count++) {
    const pod = store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: '',
        generateName: `${name}-`,
        namespace,
        labels: stringRecord(record(template['metadata'])['labels']),
        ownerReferences: [controllerRef(replicaSet)],
      },
      spec: structuredClone(record(template['spec'])),
      status: {phase: 'Pending', qosClass: 'BestEffort'},
    });
    recordEvent(store, replicaSet, {
      reason: 'SuccessfulCreate',
      message: `Created pod: ${pod.metadata.name}`,
      component: 'replicaset-controller',
    });
  }

  for (const extra of pods.slice(wanted)) {
    tryDelete(store, 'pods', namespace, extra.metadata.name);
    recordEvent(store, replicaSet, {
      reason: 'SuccessfulDelete',
      message: `Deleted pod: ${extra.metadata.name}`,
      component: 'replicaset-controller',
    });
  }

  pods = ownedBy(store, 'pods', replicaSet);
  const ready = pods.filter(podReady).length;
  const status: Json = {
    replicas: pods.length,
    fullyLabeledReplicas: pods.length,
    ...(ready > 0 ? {readyReplicas: ready, availableReplicas: ready} : {}),
    observedGeneration: replicaSet.metadata['generation'] ?? 1,
  };
  const current = store.get('replicasets', namespace, name);
  if (current) tryUpdate(store, 'replicasets', {...current, status});
}
