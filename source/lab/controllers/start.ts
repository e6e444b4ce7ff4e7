import type {WatchEvent} from '../types.js';
import {controllerUid, type ClusterStore, tryDelete} from './cluster.js';
import {reconcileDeployment} from './deployments.js';
import {createPodLifecycle, type NodePlacement} from './pods.js';
import {reconcileReplicaSet} from './replicasets.js';
import {
  reconcileNamespace,
  reconcileServiceAccount,
  type ServiceAccountOptions,
} from './service-accounts.js';
import type {Clock} from './timing.js';

/** How the controllers are set up. */
export type ControllerOptions = ServiceAccountOptions & {
  readonly clock: Clock;
  readonly node?: NodePlacement;
};

/** Running controllers. */
export type Controllers = {
  /** Resolves when every queued change has been handled (for tests). */
  readonly settled: () => Promise<void>;
  readonly stop: () => void;
};

const watched = new Set(['namespaces', 'serviceaccounts', 'deployments', 'replicasets', 'pods']);

/**
 * Starts the lab's controllers: service accounts, Deployment → ReplicaSet → Pod, pods that become
 * Ready, garbage collection of owned objects. They react to store changes on the next turn, never
 * inside the write that caused them.
 */
export function startControllers(store: ClusterStore, options: ControllerOptions): Controllers {
  const node = options.node ?? {
    nodeName: 'node3',
    hostIP: '192.168.123.203',
    podCidrPrefix: '172.31.0',
  };
  const reconcilePod = createPodLifecycle(store, options.clock, node);
  const queue = new Map<string, {resource: string; namespace: string; name: string}>();
  let flushing: Promise<void> | undefined;
  let stopped = false;

  function enqueue(resource: string, namespace: string, name: string): void {
    if (stopped) return;
    queue.set(`${resource}/${namespace}/${name}`, {resource, namespace, name});
    flushing ??= new Promise<void>((resolve) => {
      setImmediate(() => {
        flush();
        flushing = undefined;
        resolve();
      });
    });
  }

  function handle(resource: string, namespace: string, name: string): void {
    if (resource === 'namespaces') reconcileNamespace(store, name);
    else if (resource === 'serviceaccounts')
      reconcileServiceAccount(store, namespace, name, options);
    else if (resource === 'deployments') reconcileDeployment(store, namespace, name);
    else if (resource === 'replicasets') reconcileReplicaSet(store, namespace, name);
    else if (resource === 'pods') reconcilePod(namespace, name);
  }

  function flush(): void {
    // Bounded: a controller bug must not spin the lab forever.
    for (let round = 0; round < 50 && queue.size > 0 && !stopped; round++) {
      const batch = [...queue.values()];
      queue.clear();
      for (const item of batch) {
        try {
          handle(item.resource, item.namespace, item.name);
        } catch {
          // One object's trouble must not stop the others; its next change retries.
        }
      }
    }
  }

  function ownerOf(event: WatchEvent, kind: string): string | undefined {
    const uid = controllerUid(event.object, kind);
    if (!uid) return undefined;
    const resource = kind === 'Deployment' ? 'deployments' : 'replicasets';
    return store
      .list(resource, event.object.metadata.namespace)
      .items.find((owner) => owner.metadata.uid === uid)?.metadata.name;
  }

  function collectGarbage(event: WatchEvent): void {
    const {uid, namespace} = event.object.metadata;
    for (const resource of ['replicasets', 'pods']) {
      for (const object of store.list(resource, namespace).items) {
        if (controllerUid(object, event.object.kind) === uid) {
          tryDelete(store, resource, namespace, object.metadata.name);
        }
      }
    }
  }

  const unsubscribe = store.onChange((event, resource) => {
    if (!watched.has(resource)) return;
    const namespace = event.object.metadata.namespace ?? '';
    const {name} = event.object.metadata;
    if (event.type === 'DELETED') {
      if (resource === 'deployments' || resource === 'replicasets')
        setImmediate(() => collectGarbage(event));
    } else {
      enqueue(resource, namespace, name);
    }

    // Changes to owned objects wake their owners up.
    const ownerKind =
      resource === 'pods' ? 'ReplicaSet' : resource === 'replicasets' ? 'Deployment' : undefined;
    if (ownerKind) {
      const owner = ownerOf(event, ownerKind);
      if (owner)
        enqueue(ownerKind === 'ReplicaSet' ? 'replicasets' : 'deployments', namespace, owner);
    }
  });

  for (const resource of watched) {
    for (const object of store.list(resource).items) {
      enqueue(resource, object.metadata.namespace ?? '', object.metadata.name);
    }
  }

  return {
    async settled() {
      while (flushing) {
        await flushing;
      }
    },
    stop() {
      stopped = true;
      unsubscribe();
      options.clock.stop();
    },
  };
}
