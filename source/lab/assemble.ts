import {createPspAdmission} from './admission/psp.js';
import {createUcpAuthorization} from './admission/ucp-authorization.js';
import {startControllers} from './controllers/start.js';
import {createClock, labSpeed} from './controllers/timing.js';
import {createGitlabRoute} from './gitlab/routes.js';
import {startRunner} from './gitlab/runner.js';
import {createKubeApi} from './kube/api.js';
import {authenticateRequest, issueToken, newAuthKey} from './kube/auth.js';
import {resourceForKind} from './kube/resources.js';
import {createStore, type ObjectStore} from './kube/store.js';
import type {TlsMaterial} from './kube/tls.js';
import {createMkeRoute} from './mke/routes.js';
import type {BuildOptions, LabApp} from './process/build-app.js';
import {mkeSeedObjects} from './seed.js';
import {createLabServer} from './server.js';
import type {LabMiddleware, LabObject, LabUser} from './types.js';

/** What the lab is assembled from: server-main's options, plus knobs for tests. */
export type AssembleOptions = BuildOptions & {
  /** Scales simulated durations; default from `MKE_RUNBOOK_LAB_SPEED`. */
  readonly speed?: number;
  readonly middleware?: readonly LabMiddleware[];
  /** Serve HTTPS with this certificate (kubectl sends bearer tokens only over TLS). */
  readonly tls?: TlsMaterial;
};

/** The assembled lab, with handles tests use. */
export type AssembledLab = LabApp & {
  readonly store: ObjectStore;
  readonly api: ReturnType<typeof createKubeApi>;
  /** A bearer token for `user`, as the lab's Kubernetes and MKE APIs accept. */
  readonly tokenFor: (user: LabUser) => string;
};

function seed(store: ObjectStore): void {
  for (const object of mkeSeedObjects()) {
    const info = resourceForKind(object.apiVersion, object.kind);
    if (!info || store.get(info.plural, object.metadata.namespace, object.metadata.name)) continue;
    store.create(info.plural, object);
  }
}

/**
 * Builds the whole lab from its world: object store (restored or seeded as a fresh MKE 3.4), the
 * Kubernetes API with PodSecurityPolicy and UCPAuthorization admission, the controllers, MKE's
 * and GitLab's APIs and the simulated runner, behind one server. server-main calls this.
 */
export async function assembleLab(options: AssembleOptions): Promise<AssembledLab> {
  const {world} = options;
  world.auth ??= {key: newAuthKey()};
  const {key} = world.auth;
  const tokenFor = (user: LabUser) => issueToken(key, user);
  const store = createStore();
  if (options.objects === undefined) seed(store);
  else store.restore(options.objects);

  const api = createKubeApi({store});
  api.addAdmissionPlugin(
    createPspAdmission({
      podSecurityPolicies: () => store.list('podsecuritypolicies').items,
      authorize: (user, question) =>
        api.authorize(user, {
          kind: 'resource',
          verb: question.verb,
          group: question.group,
          resource: question.resource,
          name: question.name,
          ...(question.namespace ? {namespace: question.namespace} : {}),
        }).allowed,
    }),
  );
  api.addAdmissionPlugin(
    createUcpAuthorization({
      clusterRoleBindings: () => store.list('clusterrolebindings').items,
      configToml: () => world.mke.configToml,
    }),
  );

  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };

  // The control API's speed (workshop "slow this down") wins over the environment's.
  const defaultSpeed = options.speed ?? labSpeed();
  const clock = createClock(() => world.control?.speed ?? defaultSpeed);
  const worker = world.vms['node3'];
  const controllers = startControllers(store, {
    clock,
    issueToken: tokenFor,
    node: {
      nodeName: 'node3',
      hostIP: worker?.address ?? '192.168.123.203',
      podCidrPrefix: '172.31.0',
    },
  });
  const runner = startRunner({
    world,
    store,
    clock,
    changed,
    createPod: (user: LabUser, namespace: string, pod: LabObject) =>
      api.create(user, 'pods', namespace, pod, {fieldManager: 'gitlab-runner'}),
  });
  const authenticate = (request: Parameters<typeof authenticateRequest>[1]) =>
    authenticateRequest(key, request);
  const server = createLabServer({
    api,
    authenticate,
    middleware: options.middleware ?? [],
    ...(options.tls ? {tls: options.tls} : {}),
    routes: [
      ...options.routes,
      createMkeRoute({
        world,
        issueToken: tokenFor,
        authenticate,
        changed,
        ...(options.tls ? {caPem: options.tls.cert} : {}),
      }),
      createGitlabRoute({
        world,
        changed() {
          changed();
          runner.kick();
        },
      }),
    ],
  });

  return {
    store,
    api,
    tokenFor,
    listen: server.listen,
    async close() {
      runner.stop();
      controllers.stop();
      clock.stop();
      await server.close();
    },
    snapshot: () => store.snapshot(),
    onChange(listener) {
      listeners.add(listener);
      store.onChange(() => listener());
    },
    resetCluster() {
      store.restore({resourceVersion: Number(store.resourceVersion()), objects: {}, logs: {}});
      seed(store);
    },
  };
}
