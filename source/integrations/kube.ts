import {readFile} from 'node:fs/promises';
import path from 'node:path';
// Named imports, not the namespace: the bundle then leaves out client-node's generated typed
// APIs (14 MB of chunk → under 2 MB), which cost most of a reconcile's time to load.
import {KubernetesObjectApi, PatchStrategy, Watch} from '@kubernetes/client-node';
import {KubeError, type KubePort} from './kube-port.js';
import {createPooledKubeConfig, type PooledKubeConfig} from './kube-config.js';
import {toKubeError} from './kube-errors.js';
import {parseList, retryRead, toObject, versionSchema} from './kube-objects.js';
import {waitForObject, type WatchSource} from './kube-watch.js';

/** Options of the Kubernetes integration. */
export type KubeFactoryOptions = {
  /** Simulate mode: the kubeconfig's server is replaced by the lab's URL. */
  readonly labUrl?: string;
};

const fieldManager = 'mke-runbook';

/**
 * Builds KubePorts from kubeconfig files; client-node is imported on first use (~0.9 s). A port
 * is kept per kubeconfig file and content, so the probes of a reconcile share one client and
 * one pool of connections; a changed file gets a new port.
 */
export function createKubeFactory(
  options: KubeFactoryOptions = {},
): (kubeconfigPath: string) => Promise<KubePort> {
  const ports = new Map<string, Promise<KubePort>>();
  return async (kubeconfigPath) => {
    let text: string;
    try {
      text = await readFile(kubeconfigPath, 'utf8');
    } catch (error) {
      throw unreadable(kubeconfigPath, error);
    }

    const key = `${kubeconfigPath}\0${text}`;
    let port = ports.get(key);
    if (!port) {
      port = load(kubeconfigPath, text, options);
      // A port that failed to build is not kept: the next call tries again.
      port.catch(() => ports.delete(key));
      ports.set(key, port);
    }

    return port;
  };
}

async function load(
  kubeconfigPath: string,
  text: string,
  options: KubeFactoryOptions,
): Promise<KubePort> {
  const kc = createPooledKubeConfig();
  try {
    kc.loadFromString(text);
    kc.makePathsAbsolute(path.dirname(kubeconfigPath));
  } catch (error) {
    throw unreadable(kubeconfigPath, error);
  }
  if (options.labUrl !== undefined) pointAt(kc, options.labUrl);
  return makePort(kc);
}

function unreadable(kubeconfigPath: string, error: unknown): KubeError {
  return new KubeError(
    'invalid',
    `Cannot read the kubeconfig ${kubeconfigPath}`,
    error instanceof Error ? error.message : String(error),
  );
}

function pointAt(kc: PooledKubeConfig, server: string): void {
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

function makePort(kc: PooledKubeConfig): KubePort {
  // specUriPath is protected; a subclass exposes it to resolve plural names for watches.
  class ObjectApi extends KubernetesObjectApi {
    async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
      return this.specUriPath({apiVersion, kind, metadata: {namespace}}, 'list');
    }
  }
  const apis = new Map<string, ObjectApi>();
  const api = (impersonate?: string): ObjectApi => {
    const key = impersonate ?? '';
    let client = apis.get(key);
    if (!client) {
      const config = impersonate === undefined ? kc : impersonating(kc, impersonate);
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
      const watcher = new Watch(kc);
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
          PatchStrategy.ServerSideApply,
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
        const info = versionSchema.parse(JSON.parse(await kc.getText('/version')));
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
        const query = new URLSearchParams();
        if (logOptions?.container !== undefined) query.set('container', logOptions.container);
        if (logOptions?.tailLines !== undefined)
          query.set('tailLines', String(logOptions.tailLines));
        const suffix = query.size > 0 ? `?${query.toString()}` : '';
        return await kc.getText(
          `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log${suffix}`,
        );
      } catch (error) {
        throw toKubeError(error, `logs of pod ${namespace}/${name}`);
      }
    },
  };
}

function impersonating(kc: PooledKubeConfig, user: string): PooledKubeConfig {
  // A kubeconfig user's `as:` becomes Impersonate-User on every request, watches included.
  const copy = createPooledKubeConfig();
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
