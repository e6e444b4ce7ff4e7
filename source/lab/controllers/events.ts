import {randomBytes} from 'node:crypto';
import type {LabObject} from '../types.js';
import type {ClusterStore} from './cluster.js';

/** One Kubernetes Event about an object. */
export type EventNote = {
  readonly reason: string;
  readonly message: string;
  /** `deployment-controller`, `replicaset-controller`, `default-scheduler`, `kubelet`… */
  readonly component: string;
  readonly type?: 'Normal' | 'Warning';
  readonly host?: string;
};

/** Records a v1 Event for `object`, as the component that did something would. */
export function recordEvent(store: ClusterStore, object: LabObject, note: EventNote): void {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const namespace = object.metadata.namespace ?? 'default';
  try {
    store.create('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {name: `${object.metadata.name}.${randomBytes(8).toString('hex')}`, namespace},
      involvedObject: {
        apiVersion: object.apiVersion,
        kind: object.kind,
        name: object.metadata.name,
        namespace,
        uid: object.metadata.uid,
        resourceVersion: object.metadata.resourceVersion,
      },
      reason: note.reason,
      message: note.message,
      source: {component: note.component, ...(note.host ? {host: note.host} : {})},
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type: note.type ?? 'Normal',
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    });
  } catch {
    // The namespace is being deleted: nobody will read the event.
  }
}
