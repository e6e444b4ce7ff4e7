// The lab's Kubernetes API in-process: exactly what an HTTP request goes through —
// authorization (RBAC), defaulting, validation, admission (first denial wins; also for dry-run)
// and storage. The HTTP server and the lab's simulated runner both call it.
import type {AdmissionPlugin, AdmissionRequest, LabObject, LabUser, WatchEvent} from '../types.js';
import {reviewAccess} from './access-review.js';
import {applyCreateDefaults, normaliseSecret} from './defaults.js';
import {jsonEqual} from './json.js';
import {recordUpdate, serverSideApply} from './managed-fields.js';
import {jsonPatch, mergePatch, strategicMerge} from './patch.js';
import {authorize, forbiddenReason, type AccessAttributes, type Decision} from './rbac.js';
import {apiVersionOf, resourceByPlural, type ResourceInfo} from './resources.js';
import {matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector} from './selectors.js';
import {generateName, type ObjectStore} from './store.js';
import {badRequest, failure, forbidden, methodNotAllowed, notFound} from './status.js';
import {validateObject} from './validation.js';
import {decodeObject as decode} from './decode.js';
import {chooseContainer} from './log-target.js';

/** Options of a write. */
export type WriteOptions = {
  readonly dryRun?: boolean;
  /** Who owns the fields written (managedFields); required for `apply`. */
  readonly fieldManager?: string;
  /** Server-side apply only: take fields other managers own. */
  readonly force?: boolean;
  /** `status` to write the status subresource. */
  readonly subresource?: 'status';
};

/** The patch flavours the API accepts. */
export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

/** Options of `list` and `watch`. */
export type QueryOptions = {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly resourceVersion?: string;
};

/** A list response: `PodList` etc. */
export type ObjectList = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {readonly resourceVersion: string};
  readonly items: LabObject[];
};

/** The in-process Kubernetes API. */
export type KubeApi = ReturnType<typeof createKubeApi>;

// Resources whose status only the status subresource may change.
const withStatus = new Set([
  'namespaces',
  'nodes',
  'pods',
  'services',
  'deployments',
  'replicasets',
]);
const reviews = new Set(['selfsubjectaccessreviews', 'subjectaccessreviews']);

/** Builds the API over `store`, running `admission` plugins in order on every write. */
export function createKubeApi(options: {
  readonly store: ObjectStore;
  readonly admission?: readonly AdmissionPlugin[];
}) {
  const {store} = options;
  const plugins: AdmissionPlugin[] = [...(options.admission ?? [])];

  function check(
    user: LabUser,
    info: ResourceInfo,
    attributes: Omit<Extract<AccessAttributes, {kind: 'resource'}>, 'kind' | 'group' | 'resource'>,
  ): void {
    const full: AccessAttributes = {
      kind: 'resource',
      group: info.group,
      resource: info.plural,
      ...attributes,
    };
    if (!authorize(store, user, full).allowed) {
      throw forbidden(
        {resource: info.plural, group: info.group},
        attributes.name,
        forbiddenReason(user, full),
      );
    }
  }

  function scope(info: ResourceInfo, namespace: string | undefined): string | undefined {
    if (!info.namespaced) return undefined;
    if (!namespace)
      throw badRequest('the server could not find the requested resource: a namespace is required');
    return namespace;
  }

  async function admit(request: AdmissionRequest): Promise<LabObject> {
    let {object} = request;
    for (const plugin of plugins) {
      const result = await plugin.admit({...request, object});
      if (!result.allowed)
        throw failure(result.code, result.reason, result.message, {
          ...(request.object.metadata.name ? {name: request.object.metadata.name} : {}),
          ...(request.group ? {group: request.group} : {}),
          kind: request.resource,
        });
      if (result.object) object = result.object;
    }

    return object;
  }

  function requireNamespace(namespace: string | undefined): void {
    if (namespace && !store.get('namespaces', undefined, namespace)) {
      throw notFound({resource: 'namespaces', group: ''}, namespace);
    }
  }

  async function createObject(
    user: LabUser,
    info: ResourceInfo,
    object: LabObject,
    writeOptions: WriteOptions,
    manager: string,
  ): Promise<LabObject> {
    const namespace = object.metadata.namespace;
    requireNamespace(namespace);
    if (!object.metadata.name && object.metadata.generateName) {
      // Named before admission so that refusals can quote the name, as the real server's are.
      object.metadata.name = generateName(object.metadata.generateName);
    }

    applyCreateDefaults(info.plural, object);
    if (info.plural === 'secrets') normaliseSecret(object);
    validateObject(info, object);
    const admitted = await admit({
      operation: 'CREATE',
      user,
      resource: info.plural,
      group: info.group,
      namespace,
      object,
      dryRun: writeOptions.dryRun ?? false,
    });
    if (!admitted.metadata.managedFields)
      recordUpdate(undefined, admitted, manager, apiVersionOf(info));
    return store.create(info.plural, admitted, {dryRun: writeOptions.dryRun ?? false});
  }

  async function replaceObject(
    user: LabUser,
    info: ResourceInfo,
    old: LabObject,
    next: LabObject,
    writeOptions: WriteOptions,
    manager: string,
    applied = false,
  ): Promise<LabObject> {
    if (writeOptions.subresource === 'status') {
      next = {
        ...old,
        status: next['status'],
        metadata: {
          ...old.metadata,
          resourceVersion: next.metadata.resourceVersion ?? old.metadata.resourceVersion,
        },
      };
    } else if (withStatus.has(info.plural)) {
      next['status'] = old['status'];
    }

    next.metadata.name = old.metadata.name;
    if (info.namespaced) next.metadata.namespace = old.metadata.namespace;
    if (info.plural === 'secrets') normaliseSecret(next);
    validateObject(info, next);
    const admitted = await admit({
      operation: 'UPDATE',
      user,
      resource: info.plural,
      group: info.group,
      namespace: old.metadata.namespace,
      object: next,
      oldObject: old,
      dryRun: writeOptions.dryRun ?? false,
    });
    // A write that changes managedFields itself sets them (kubectl's client-side → server-side
    // apply upgrade does this); otherwise the server records the writer's fields.
    const ownFields = admitted.metadata.managedFields;
    const explicit = Array.isArray(ownFields) && !jsonEqual(ownFields, old.metadata.managedFields);
    if (explicit && ownFields.length === 0) delete admitted.metadata.managedFields;
    if (!applied && !explicit) recordUpdate(old, admitted, manager, apiVersionOf(info));
    return store.update(info.plural, admitted, {dryRun: writeOptions.dryRun ?? false});
  }

  function existing(info: ResourceInfo, namespace: string | undefined, name: string): LabObject {
    const found = store.get(info.plural, namespace, name);
    if (!found) throw notFound({resource: info.plural, group: info.group}, name);
    return found;
  }

  return {
    /** The store underneath (for controllers acting as the cluster itself). */
    store,
    /** Appends an admission plugin (they run in the order added). */
    addAdmissionPlugin(plugin: AdmissionPlugin): void {
      plugins.push(plugin);
    },
    /** The RBAC decision for `user`. */
    authorize(user: LabUser, attributes: AccessAttributes): Decision {
      return authorize(store, user, attributes);
    },

    /** POST: creates an object (or answers an access review). */
    async create(
      user: LabUser,
      resource: string,
      namespace: string | undefined,
      body: unknown,
      writeOptions: WriteOptions = {},
    ): Promise<LabObject> {
      const info = resourceByPlural(resource);
      const ns = scope(info, namespace);
      const object = decode(info, body, ns);
      if (reviews.has(resource)) {
        if (resource === 'subjectaccessreviews') check(user, info, {verb: 'create'});
        return reviewAccess(store, user, object, resource === 'selfsubjectaccessreviews');
      }

      check(user, info, {verb: 'create', ...(ns ? {namespace: ns} : {})});
      return createObject(user, info, object, writeOptions, writeOptions.fieldManager ?? 'lab');
    },

    /** GET one object. */
    async get(
      user: LabUser,
      resource: string,
      namespace: string | undefined,
      name: string,
    ): Promise<LabObject> {
      const info = resourceByPlural(resource);
      const ns = scope(info, namespace);
      check(user, info, {verb: 'get', name, ...(ns ? {namespace: ns} : {})});
      return existing(info, ns, name);
    },

    /** GET a collection (namespace undefined: across all namespaces). */
    async list(
      user: LabUser,
      resource: string,
      namespace: string | undefined,
      query: QueryOptions = {},
    ): Promise<ObjectList> {
      const info = resourceByPlural(resource);
      const ns = info.namespaced ? namespace : undefined;
      check(user, info, {verb: 'list', ...(ns ? {namespace: ns} : {})});
      const {items, resourceVersion} = store.list(resource, ns, query);
      return {
        apiVersion: apiVersionOf(info),
        kind: `${info.kind}List`,
        metadata: {resourceVersion},
        items: items.map((item) => ({...item, apiVersion: apiVersionOf(info), kind: info.kind})),
      };
    },

    /** PUT: replaces an object; a stale resourceVersion is a 409 Conflict. */
    async update(
      user: LabUser,
      resource: string,
      namespace: string | undefined,
      name: string,
      body: unknown,
      writeOptions: WriteOptions = {},
    ): Promise<LabObject> {
      const info = resourceByPlural(resource);
      const ns = scope(info, namespace);
      check(user, info, {
        verb: 'update',
        name,
        ...(ns ? {namespace: ns} : {}),
        ...(writeOptions.subresource ? {subresource: writeOptions.subresource} : {}),
      });
      const next = decode(info, body, ns);
      if (next.metadata.name !== name) {
        throw badRequest('the name of the object does not match the name on the URL');
      }

      return replaceObject(
        user,
        info,
        existing(info, ns, name),
        next,
        writeOptions,
        writeOptions.fieldManager ?? 'lab',
      );
    },

    /** PATCH: merge, strategic merge, JSON patch or server-side apply. */
    async patch(
      user: LabUser,
      resource: string,
      namespace: string | undefined,
      name: string,
      type: PatchType,
      body: unknown,
      writeOptions: WriteOptions = {},
    ): Promise<LabObject> {
      const info = resourceByPlural(resource);
      const ns = scope(info, namespace);
      const sub = writeOptions.subresource ? {subresource: writeOptions.subresource} : {};
      check(user, info, {verb: 'patch', name, ...(ns ? {namespace: ns} : {}), ...sub});
      const current = store.get(resource, ns, name);
      if (type === 'apply') {
        if (!writeOptions.fieldManager) {
          throw failure(400, 'BadRequest', 'PATCH /apply requires fieldManager to be set', {});
        }

        const config = decode(info, body, ns);
        if (config.metadata.name !== name)
          throw badRequest('the name of the object does not match the name on the URL');
        const applied = serverSideApply(
          current,
          config,
          writeOptions.fieldManager,
          writeOptions.force ?? false,
          apiVersionOf(info),
        );
        if (!current) {
          check(user, info, {verb: 'create', ...(ns ? {namespace: ns} : {})});
          return createObject(user, info, applied, writeOptions, writeOptions.fieldManager);
        }

        return replaceObject(
          user,
          info,
          current,
          applied,
          writeOptions,
          writeOptions.fieldManager,
          true,
        );
      }

      if (!current) throw notFound({resource: info.plural, group: info.group}, name);
      const patched =
        type === 'json'
          ? jsonPatch(current, body)
          : type === 'merge'
            ? mergePatch(current, body)
            : strategicMerge(current, body);
      const next = decode(info, patched, ns);
      return replaceObject(
        user,
        info,
        current,
        next,
        writeOptions,
        writeOptions.fieldManager ?? 'lab',
      );
    },

    /** DELETE: removes an object (a namespace takes its objects with it); returns what was deleted. */
    async delete(
      user: LabUser,
      resource: string,
      namespace: string | undefined,
      name: string,
      writeOptions: WriteOptions = {},
    ): Promise<LabObject> {
      const info = resourceByPlural(resource);
      const ns = scope(info, namespace);
      if (!info.verbs.includes('delete')) throw methodNotAllowed();
      check(user, info, {verb: 'delete', name, ...(ns ? {namespace: ns} : {})});
      const current = existing(info, ns, name);
      await admit({
        operation: 'DELETE',
        user,
        resource,
        group: info.group,
        namespace: ns,
        object: current,
        oldObject: current,
        dryRun: writeOptions.dryRun ?? false,
      });
      return store.delete(resource, ns, name, {dryRun: writeOptions.dryRun ?? false});
    },

    /** Watches a collection from a resourceVersion; returns the unsubscribe function. Throws 410 when too old. */
    watch(
      user: LabUser,
      resource: string,
      namespace: string | undefined,
      query: QueryOptions,
      listener: (event: WatchEvent) => void,
    ): () => void {
      const info = resourceByPlural(resource);
      const ns = info.namespaced ? namespace : undefined;
      check(user, info, {verb: 'watch', ...(ns ? {namespace: ns} : {})});
      const labels = parseLabelSelector(query.labelSelector);
      const fields = parseFieldSelector(query.fieldSelector);
      return store.watch(resource, ns, query.resourceVersion, (event) => {
        if (!matchesLabels(event.object, labels) || !matchesFields(event.object, fields)) return;
        listener({
          type: event.type,
          object: {...event.object, apiVersion: apiVersionOf(info), kind: info.kind},
        });
      });
    },

    /** Checks the caller may read `pods/log` and picks the container; returns the pod. */
    async logTarget(
      user: LabUser,
      namespace: string,
      pod: string,
      container: string | undefined,
    ): Promise<{readonly pod: LabObject; readonly container: string}> {
      const info = resourceByPlural('pods');
      check(user, info, {verb: 'get', name: pod, namespace, subresource: 'log'});
      const object = existing(info, namespace, pod);
      return {pod: object, container: chooseContainer(object, container)};
    },
  };
}
