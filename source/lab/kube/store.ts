// The lab's in-memory object store: what etcd is to an API server. One global, monotonically
// increasing resourceVersion; a bounded event history so watches can resume; plain-JSON snapshots.
import {randomInt, randomUUID} from 'node:crypto';
import type {LabObject, WatchEvent} from '../types.js';
import {clone, jsonEqual} from './json.js';
import {resourceByPlural} from './resources.js';
import {matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector} from './selectors.js';
import {alreadyExists, conflict, gone, notFound} from './status.js';
import {parseSnapshot, type StoreSnapshot} from './store-snapshot.js';
import {createLogBook} from './log-book.js';

export type {StoreSnapshot} from './store-snapshot.js';

/** Receives watch events; `resource` is the plural name. */
export type StoreListener = (event: WatchEvent, resource: string) => void;

/** Options of `list`. */
export type ListOptions = {readonly labelSelector?: string; readonly fieldSelector?: string};

/** The object store. Objects going in and out are copies. Resources are plural names (`pods`). */
export type ObjectStore = ReturnType<typeof createStore>;

type HistoryEntry = {readonly rv: number; readonly resource: string; readonly event: WatchEvent};

// Kubernetes' own alphabet for generated names (k8s.io/apimachinery/pkg/util/rand): no vowels,
// no look-alikes.
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

/** `2026-11-28T11:49:47Z`: Kubernetes timestamps have whole seconds. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `prefix` + 5 random characters, as Kubernetes' name generator does. */
export function generateName(prefix: string): string {
  let suffix = '';
  for (let index = 0; index < 5; index++) suffix += alphanums[randomInt(alphanums.length)];
  return `${prefix.slice(0, 58)}${suffix}`;
}

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function specOf(object: LabObject): unknown {
  const {metadata: _metadata, status: _status, ...rest} = object;
  return rest;
}

/** Creates an empty store keeping `historyLimit` events for resuming watches. */
export function createStore(options: {readonly historyLimit?: number} = {}) {
  const historyLimit = options.historyLimit ?? 2000;
  let objects = new Map<string, Map<string, LabObject>>();
  let revision = 0;
  // Events with rv > historyFloor are all in `history`.
  let historyFloor = 0;
  let history: HistoryEntry[] = [];
  const watchers = new Set<{resource: string; namespace?: string; listener: StoreListener}>();
  const changeListeners = new Set<(event: WatchEvent, resource: string) => void>();
  const logs = createLogBook();

  function bucket(resource: string): Map<string, LabObject> {
    let map = objects.get(resource);
    if (!map) {
      map = new Map();
      objects.set(resource, map);
    }

    return map;
  }

  function emit(resource: string, event: WatchEvent, rv: number): void {
    history.push({rv, resource, event});
    if (history.length > historyLimit) {
      const dropped = history.splice(0, history.length - historyLimit);
      historyFloor = dropped.at(-1)?.rv ?? historyFloor;
    }

    for (const watcher of watchers) {
      if (watcher.resource !== resource) continue;
      if (watcher.namespace && watcher.namespace !== event.object.metadata.namespace) continue;
      watcher.listener(clone(event), resource);
    }

    for (const listener of changeListeners) listener(clone(event), resource);
  }

  function qualified(resource: string) {
    return {resource, group: resourceByPlural(resource).group};
  }

  function get(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): LabObject | undefined {
    const found = objects.get(resource)?.get(keyOf(namespace, name));
    return found ? clone(found) : undefined;
  }

  function list(resource: string, namespace?: string, listOptions: ListOptions = {}) {
    const labels = parseLabelSelector(listOptions.labelSelector);
    const fields = parseFieldSelector(listOptions.fieldSelector);
    const items = [...(objects.get(resource)?.values() ?? [])]
      .filter((object) => !namespace || object.metadata.namespace === namespace)
      .filter((object) => matchesLabels(object, labels) && matchesFields(object, fields))
      .sort((a, b) =>
        keyOf(a.metadata.namespace, a.metadata.name).localeCompare(
          keyOf(b.metadata.namespace, b.metadata.name),
        ),
      )
      .map((object) => clone(object));
    return {items, resourceVersion: String(revision)};
  }

  function create(resource: string, object: LabObject, {dryRun = false} = {}): LabObject {
    const copy = clone(object);
    const {metadata} = copy;
    if (!metadata.name && metadata.generateName)
      metadata.name = generateName(metadata.generateName);
    if (bucket(resource).has(keyOf(metadata.namespace, metadata.name))) {
      throw alreadyExists(qualified(resource), metadata.name);
    }

    metadata.uid = randomUUID();
    metadata.creationTimestamp = timestamp();
    metadata['generation'] = 1;
    delete metadata.resourceVersion;
    if (dryRun) return copy;
    revision++;
    metadata.resourceVersion = String(revision);
    bucket(resource).set(keyOf(metadata.namespace, metadata.name), copy);
    emit(resource, {type: 'ADDED', object: copy}, revision);
    return clone(copy);
  }

  function update(resource: string, object: LabObject, {dryRun = false} = {}): LabObject {
    const {namespace, name} = object.metadata;
    const current = objects.get(resource)?.get(keyOf(namespace, name));
    if (!current) throw notFound(qualified(resource), name);
    const wanted = object.metadata.resourceVersion;
    if (wanted && wanted !== current.metadata.resourceVersion) {
      throw conflict(qualified(resource), name);
    }

    const copy = clone(object);
    // Identity fields are the server's, whatever the client sent.
    copy.metadata.uid = current.metadata.uid;
    copy.metadata.creationTimestamp = current.metadata.creationTimestamp;
    const generation = Number(current.metadata['generation'] ?? 1);
    copy.metadata['generation'] = jsonEqual(specOf(copy), specOf(current))
      ? generation
      : generation + 1;
    copy.metadata.resourceVersion = current.metadata.resourceVersion;
    if (jsonEqual(copy, current) || dryRun) return clone(copy);
    revision++;
    copy.metadata.resourceVersion = String(revision);
    bucket(resource).set(keyOf(namespace, name), copy);
    emit(resource, {type: 'MODIFIED', object: copy}, revision);
    return clone(copy);
  }

  function remove(
    resource: string,
    namespace: string | undefined,
    name: string,
    {dryRun = false} = {},
  ): LabObject {
    const current = objects.get(resource)?.get(keyOf(namespace, name));
    if (!current) throw notFound(qualified(resource), name);
    if (dryRun) return clone(current);
    if (resource === 'namespaces') {
      for (const [other, map] of objects) {
        for (const object of [...map.values()]) {
          if (object.metadata.namespace === name) remove(other, name, object.metadata.name);
        }
      }
    }

    if (resource === 'pods') logs.forget(namespace ?? '', name);
    bucket(resource).delete(keyOf(namespace, name));
    revision++;
    const gone = clone(current);
    gone.metadata.resourceVersion = String(revision);
    emit(resource, {type: 'DELETED', object: gone}, revision);
    return clone(gone);
  }

  function watch(
    resource: string,
    namespace: string | undefined,
    fromResourceVersion: string | undefined,
    listener: StoreListener,
  ): () => void {
    const from = Number(fromResourceVersion ?? '0');
    if (!fromResourceVersion || fromResourceVersion === '0') {
      for (const object of list(resource, namespace).items)
        listener({type: 'ADDED', object}, resource);
    } else if (from < historyFloor) {
      throw gone(from, historyFloor + 1);
    } else {
      for (const entry of history) {
        if (entry.rv <= from || entry.resource !== resource) continue;
        if (namespace && entry.event.object.metadata.namespace !== namespace) continue;
        listener(clone(entry.event), resource);
      }
    }

    const watcher = {resource, ...(namespace ? {namespace} : {}), listener};
    watchers.add(watcher);
    return () => watchers.delete(watcher);
  }

  return {
    /** The latest resourceVersion handed out. */
    resourceVersion: (): string => String(revision),
    get,
    list,
    create,
    update,
    delete: remove,
    watch,
    /** Calls `listener` after every stored change (for persistence). */
    onChange(listener: (event: WatchEvent, resource: string) => void): () => void {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    /** Appends text to a container's log (what the kubelet would collect). */
    appendLog: logs.append,
    /** A container's whole log. */
    readLog: logs.read,
    /** Calls `listener` with each later append; returns an unsubscribe function. */
    followLog: logs.follow,
    /** Every object and log as plain JSON. */
    snapshot(): StoreSnapshot {
      return clone({
        resourceVersion: revision,
        objects: Object.fromEntries([...objects].map(([name, map]) => [name, [...map.values()]])),
        logs: logs.dump(),
      });
    },
    /** Replaces everything with a snapshot (unknown input is validated). Old watch positions become 410 Gone. */
    restore(snapshot: unknown): void {
      const parsed = parseSnapshot(snapshot);
      objects = new Map();
      for (const [resource, items] of Object.entries(parsed.objects)) {
        resourceByPlural(resource);
        for (const object of items) {
          bucket(resource).set(keyOf(object.metadata.namespace, object.metadata.name), object);
        }
      }

      revision = parsed.resourceVersion;
      historyFloor = revision;
      history = [];
      logs.load(parsed.logs ?? {});
    },
  };
}
