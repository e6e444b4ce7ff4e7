import type {LabObject, WatchEvent} from '../types.js';

/**
 * The part of the lab's object store (source/lab/kube/store.ts) the controllers use. Controllers
 * write as the cluster itself: straight to storage, past RBAC and admission, as Kubernetes'
 * controller manager is allowed to.
 */
export type ClusterStore = {
  readonly get: (
    resource: string,
    namespace: string | undefined,
    name: string,
  ) => LabObject | undefined;
  readonly list: (resource: string, namespace?: string) => {readonly items: LabObject[]};
  readonly create: (resource: string, object: LabObject) => LabObject;
  readonly update: (resource: string, object: LabObject) => LabObject;
  readonly delete: (resource: string, namespace: string | undefined, name: string) => LabObject;
  readonly onChange: (listener: (event: WatchEvent, resource: string) => void) => () => void;
  readonly appendLog: (namespace: string, pod: string, container: string, text: string) => void;
};

/** An owner reference to `owner`, marked as its controller. */
export function controllerRef(owner: LabObject): Record<string, unknown> {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The uid of an object's controlling owner of a kind, if any. */
export function controllerUid(object: LabObject, kind: string): string | undefined {
  for (const reference of object.metadata.ownerReferences ?? []) {
    if (typeof reference !== 'object' || reference === null) continue;
    const {kind: refKind, uid, controller} = reference as Record<string, unknown>;
    if (refKind === kind && controller === true && typeof uid === 'string') return uid;
  }

  return undefined;
}

/** Objects of a resource in a namespace controlled by `owner`. */
export function ownedBy(store: ClusterStore, resource: string, owner: LabObject): LabObject[] {
  return store
    .list(resource, owner.metadata.namespace)
    .items.filter((object) => controllerUid(object, owner.kind) === owner.metadata.uid);
}

/** Writes an object unless doing so would change nothing; tolerates it having gone. */
export function tryUpdate(store: ClusterStore, resource: string, object: LabObject): void {
  try {
    store.update(resource, object);
  } catch {
    // Deleted or changed meanwhile: the next event reconciles again.
  }
}

/** Deletes an object, tolerating it having gone. */
export function tryDelete(
  store: ClusterStore,
  resource: string,
  namespace: string | undefined,
  name: string,
): void {
  try {
    store.delete(resource, namespace, name);
  } catch {
    // Already gone.
  }
}
