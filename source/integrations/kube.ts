import type * as ClientNode from '@kubernetes/client-node';
import {z} from 'zod';
import {KubeError, type KubeObject, type KubePort} from './kube-port.js';
import {toKubeError} from './kube-errors.js';
import {waitForObject, type WatchSource} from './kube-watch.js';

/** Options of the Kubernetes integration. */
export type KubeFactoryOptions = {
  /** Simulate mode: the kubeconfig's server is replaced by the lab's URL. */
  readonly labUrl?: string;
};

const fieldManager = 'mke-runbook';

const objectSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({name: z.string(), namespace: z.string().optional()}),
});
const listSchema = z.looseObject({
  metadata: z.looseObject({resourceVersion: z.string().optional()}).optional(),
  items: z.array(z.unknown()),
});

/** Builds KubePorts from kubeconfig files; client-node is imported on first use (~0.9 s). */
export function createKubeFactory(
  options: KubeFactoryOptions = {},
): (kubeconfigPath: string) => Promise<KubePort> {
  return async (kubeconfigPath) => {
    const k8s = await import('@kubernetes/client-node');
    const kc = new k8s.KubeConfig();
    try {
      kc.loadFromFile(kubeconfigPath);
    } catch (error) {
      throw new KubeError(
        'invalid',
        `Cannot read the kubeconfig ${kubeconfigPath}`,
        error instanceof Error ? error.message : String(error),
      );
    }
    if (options.labUrl !== undefined) pointAt(kc, options.labUrl);
    return makePort(k8s, kc);
  };
}

function pointAt(kc: ClientNode.KubeConfig, server: string): void {
  const current = kc.getCurrentCluster();
  kc.loadFromOptions({
    clusters: kc.clusters.map((cluster) =>
      // client-node refuses plain http unless TLS verification is off; the lab speaks http.
      cluster.name === current?.name
        ? {...cluster, server, skipTLSVerify: server.startsWith('http:') || cluster.skipTLSVerify}
        : cluster,
    ),
    users: kc.users,
    contexts: kc.contexts,
    currentContext: kc.currentContext,
  });
}

function makePort(k8s: typeof ClientNode, kc: ClientNode.KubeConfig): KubePort {
  // specUriPath is protected; a subclass exposes it to resolve plural names for watches.
  class ObjectApi extends k8s.KubernetesObjectApi {
    async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
      return this.specUriPath({apiVersion, kind, metadata: {namespace}}, 'list');
    }
  }
  const apis = new Map<string, ObjectApi>();
  const api = (impersonate?: string): ObjectApi => {
    const key = impersonate ?? '';
    let client = apis.get(key);
    if (!client) {
      const config = impersonate === undefined ? kc : impersonating(k8s, kc, impersonate);
      client = config.makeApiClient(ObjectApi);
      apis.set(key, client);
    }
    return client;
  };
  const label = (kind: string, name: string, namespace?: string) =>
    `${kind} ${namespace ? `${namespace}/` : ''}${name}`;

  const list: KubePort['list'] = async (apiVersion, kind, namespace, selectors) => {
    try {
      const answer = await retryRead(async () =>
        api().list(
          apiVersion,
          kind,
          namespace,
          undefined,
          undefined,
          undefined,
          selectors?.fieldSelector,
          selectors?.labelSelector,
        ),
      );
      return parseList(answer, apiVersion, kind).items;
    } catch (error) {
      throw toKubeError(error, `list ${kind}`);
    }
  };

  const source: WatchSource = {
    async list(apiVersion, kind, namespace) {
      try {
        const answer = await api().list(apiVersion, kind, namespace);
        return parseList(answer, apiVersion, kind);
      } catch (error) {
        throw toKubeError(error, `list ${kind}`);
      }
    },
    async watch(apiVersion, kind, namespace, resourceVersion, onEvent, onDone) {
      const path = await api().collectionPath(apiVersion, kind, namespace);
      const watcher = new k8s.Watch(kc);
      return watcher.watch(
        path,
        {resourceVersion, allowWatchBookmarks: true},
        (phase: string, object: unknown) => {
          onEvent(phase, object);
        },
        (error: unknown) => {
          onDone(error);
        },
      );
    },
    toObject: (value, apiVersion, kind) => toObject(value, apiVersion, kind),
  };

  return {
    async get(apiVersion, kind, name, namespace) {
      try {
        const found: unknown = await retryRead(async () =>
          api().read({apiVersion, kind, metadata: {name, namespace}}),
        );
        return toObject(found, apiVersion, kind);
      } catch (error) {
        const mapped = toKubeError(error, `get ${label(kind, name, namespace)}`);
        if (mapped.code === 'not-found') return undefined;
        throw mapped;
      }
    },
    list,
    async apply(object, writeOptions) {
      try {
        const applied: unknown = await api(writeOptions?.impersonate).patch(
          structuredClone(object),
          undefined,
          writeOptions?.dryRun ? 'All' : undefined,
          fieldManager,
          true,
          k8s.PatchStrategy.ServerSideApply,
        );
        return toObject(applied, object.apiVersion, object.kind);
      } catch (error) {
        throw toKubeError(
          error,
          `apply ${label(object.kind, object.metadata.name, object.metadata.namespace)}`,
        );
      }
    },
    async create(object, writeOptions) {
      try {
        const created: unknown = await api(writeOptions?.impersonate).create(
          structuredClone(object),
          undefined,
          writeOptions?.dryRun ? 'All' : undefined,
          fieldManager,
        );
        return toObject(created, object.apiVersion, object.kind);
      } catch (error) {
        throw toKubeError(
          error,
          `create ${label(object.kind, object.metadata.name, object.metadata.namespace)}`,
        );
      }
    },
    async remove(apiVersion, kind, name, namespace) {
      try {
        await api().delete({apiVersion, kind, metadata: {name, namespace}});
        return true;
      } catch (error) {
        const mapped = toKubeError(error, `delete ${label(kind, name, namespace)}`);
        if (mapped.code === 'not-found') return false;
        throw mapped;
      }
    },
    async version() {
      try {
        const info = await kc.makeApiClient(k8s.VersionApi).getCode();
        return info.gitVersion;
      } catch (error) {
        throw toKubeError(error, 'GET /version');
      }
    },
    async waitFor(apiVersion, kind, name, namespace, condition, waitOptions) {
      return waitForObject(source, {apiVersion, kind, name, namespace}, condition, waitOptions);
    },
    async logs(name, namespace, logOptions) {
      try {
        return await kc.makeApiClient(k8s.CoreV1Api).readNamespacedPodLog({
          name,
          namespace,
          container: logOptions?.container,
          tailLines: logOptions?.tailLines,
        });
      } catch (error) {
        throw toKubeError(error, `logs of pod ${namespace}/${name}`);
      }
    },
  };
}

function impersonating(
  k8s: typeof ClientNode,
  kc: ClientNode.KubeConfig,
  user: string,
): ClientNode.KubeConfig {
  // A kubeconfig user's `as:` becomes Impersonate-User on every request, watches included.
  const copy = new k8s.KubeConfig();
  const currentUser = kc.getCurrentUser()?.name;
  copy.loadFromOptions({
    clusters: kc.clusters,
    users: kc.users.map((entry) =>
      entry.name === currentUser ? {...entry, impersonateUser: user} : entry,
    ),
    contexts: kc.contexts,
    currentContext: kc.currentContext,
  });
  return copy;
}

// A read is safe to repeat: a 5xx or a dropped connection is tried again twice, briefly.
const readRetryPausesMs = [200, 500];

async function retryRead<T>(read: () => Promise<T>): Promise<T> {
  for (const pause of readRetryPausesMs) {
    try {
      return await read();
    } catch (error) {
      const code = toKubeError(error, 'read').code;
      if (code !== 'server' && code !== 'unreachable') throw error;
      await new Promise((resolve) => {
        setTimeout(resolve, pause);
      });
    }
  }

  return read();
}

function toObject(value: unknown, apiVersion: string, kind: string): KubeObject {
  // List items and some typed answers carry no apiVersion/kind; the request knows them.
  const plain: unknown = JSON.parse(JSON.stringify(value ?? null));
  const withType =
    plain !== null && typeof plain === 'object' ? {apiVersion, kind, ...plain} : plain;
  const parsed = objectSchema.safeParse(withType);
  if (!parsed.success) {
    throw new KubeError('server', `The API answered an unexpected ${kind}`, parsed.error.message);
  }
  return parsed.data;
}

function parseList(
  value: unknown,
  apiVersion: string,
  kind: string,
): {readonly items: readonly KubeObject[]; readonly resourceVersion: string | undefined} {
  const parsed = listSchema.safeParse(JSON.parse(JSON.stringify(value ?? null)));
  if (!parsed.success) {
    throw new KubeError(
      'server',
      `The API answered an unexpected ${kind} list`,
      parsed.error.message,
    );
  }
  return {
    items: parsed.data.items.map((item) => toObject(item, apiVersion, kind)),
    resourceVersion: parsed.data.metadata?.resourceVersion,
  };
}
