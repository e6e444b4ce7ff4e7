import assert from 'node:assert/strict';
import {afterEach, describe, it} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {startControllers, type Controllers} from '../../../source/lab/controllers/start.js';
import {createClock} from '../../../source/lab/controllers/timing.js';
import {createStore} from '../../../source/lab/kube/store.js';
import type {LabObject} from '../../../source/lab/types.js';

function deployment(): LabObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: 'gitlab-runner-gitlab-runner', namespace: 'gitlab-runner'},
    spec: {
      replicas: 1,
      selector: {matchLabels: {app: 'gitlab-runner-gitlab-runner'}},
      template: {
        metadata: {labels: {app: 'gitlab-runner-gitlab-runner'}},
        spec: {
          serviceAccountName: 'gitlab-runner-gitlab-runner',
          containers: [
            {name: 'gitlab-runner-gitlab-runner', image: 'gitlab/gitlab-runner:alpine-v14.3.2'},
          ],
        },
      },
    },
    status: {},
  };
}

async function until(check: () => boolean, controllers: Controllers): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    await controllers.settled();
    if (check()) return;
    await delay(5);
  }

  assert.fail('the cluster did not settle');
}

describe('lab controllers', () => {
  let controllers: Controllers | undefined;
  afterEach(() => controllers?.stop());

  it('gives every new namespace a default service account with a token secret', async () => {
    const store = createStore();
    controllers = startControllers(store, {
      clock: createClock(0),
      issueToken: (user) => `token-for-${user.name}`,
    });
    store.create('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {name: 'gitlab-runner'},
    });
    await until(
      () => Array.isArray(store.get('serviceaccounts', 'gitlab-runner', 'default')?.['secrets']),
      controllers,
    );
    const account = store.get('serviceaccounts', 'gitlab-runner', 'default');
    const secrets = account?.['secrets'] as Array<{name: string}>;
    const secret = store.get('secrets', 'gitlab-runner', secrets[0]!.name);
    const data = secret?.['data'] as Record<string, string>;
    assert.equal(
      Buffer.from(data['token']!, 'base64').toString(),
      'token-for-system:serviceaccount:gitlab-runner:default',
    );
  });

  it('turns a deployment into a replica set and a pod that becomes ready, with status as Kubernetes sets it', async () => {
    const store = createStore();
    controllers = startControllers(store, {clock: createClock(0)});
    store.create('deployments', deployment());
    await until(
      () =>
        store.get('deployments', 'gitlab-runner', 'gitlab-runner-gitlab-runner')?.['status'] !==
          undefined &&
        (
          store.get('deployments', 'gitlab-runner', 'gitlab-runner-gitlab-runner')?.['status'] as {
            readyReplicas?: number;
          }
        ).readyReplicas === 1,
      controllers,
    );
    const status = store.get('deployments', 'gitlab-runner', 'gitlab-runner-gitlab-runner')?.[
      'status'
    ] as Record<string, unknown>;
    assert.deepEqual(
      {
        replicas: status['replicas'],
        updatedReplicas: status['updatedReplicas'],
        readyReplicas: status['readyReplicas'],
        availableReplicas: status['availableReplicas'],
        conditions: (
          status['conditions'] as Array<{type: string; status: string; reason: string}>
        ).map(({type, status: value, reason}) => [type, value, reason]),
      },
      {
        replicas: 1,
        updatedReplicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        conditions: [
          ['Available', 'True', 'MinimumReplicasAvailable'],
          ['Progressing', 'True', 'NewReplicaSetAvailable'],
        ],
      },
    );
    const pods = store.list('pods', 'gitlab-runner').items;
    assert.equal(pods.length, 1);
    assert.match(pods[0]!.metadata.name, /^gitlab-runner-gitlab-runner-[a-z0-9]{10}-[a-z0-9]{5}$/);
    assert.equal((pods[0]!['status'] as {phase: string}).phase, 'Running');
    const reasons = store.list('events', 'gitlab-runner').items.map((event) => event['reason']);
    for (const reason of ['ScalingReplicaSet', 'SuccessfulCreate', 'Scheduled', 'Started'])
      assert.ok(reasons.includes(reason), reason);
  });

  it('removes the replica set and pods when the deployment is deleted', async () => {
    const store = createStore();
    controllers = startControllers(store, {clock: createClock(0)});
    store.create('deployments', deployment());
    await until(() => store.list('pods', 'gitlab-runner').items.length === 1, controllers);
    store.delete('deployments', 'gitlab-runner', 'gitlab-runner-gitlab-runner');
    await until(
      () =>
        store.list('pods', 'gitlab-runner').items.length === 0 &&
        store.list('replicasets', 'gitlab-runner').items.length === 0,
      controllers,
    );
  });

  it('keeps a pod Pending with unready containers until its start delay has passed', async () => {
    const store = createStore();
    controllers = startControllers(store, {clock: createClock(1000)});
    store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {name: 'p', namespace: 'x'},
      spec: {containers: [{name: 'build'}, {name: 'helper'}]},
      status: {phase: 'Pending'},
    });
    await until(
      () => Boolean((store.get('pods', 'x', 'p')?.['spec'] as {nodeName?: string}).nodeName),
      controllers,
    );
    const status = store.get('pods', 'x', 'p')?.['status'] as {
      phase: string;
      conditions: Array<{type: string; message?: string}>;
    };
    assert.equal(status.phase, 'Pending');
    assert.equal(
      status.conditions.find((c) => c.type === 'Ready')?.message,
      'containers with unready status: [build helper]',
    );
  });
});

describe('lab controllers on a changed template', () => {
  it('rolls a deployment out to a new replica set and scales the old one to zero', async () => {
    const store = createStore();
    const controllers = startControllers(store, {clock: createClock(0)});
    try {
      store.create('deployments', deployment());
      await until(() => store.list('pods', 'gitlab-runner').items.length === 1, controllers);
      const current = store.get('deployments', 'gitlab-runner', 'gitlab-runner-gitlab-runner')!;
      const spec = current['spec'] as {
        template: {metadata: {annotations?: Record<string, string>}};
      };
      spec.template.metadata.annotations = {'checksum/configmap': 'changed'};
      store.update('deployments', current);
      await until(() => {
        const sets = store.list('replicasets', 'gitlab-runner').items;
        const pods = store.list('pods', 'gitlab-runner').items;
        return (
          sets.length === 2 &&
          pods.length === 1 &&
          pods[0]!.metadata.labels?.['pod-template-hash'] !== undefined
        );
      }, controllers);
      const replicas = store
        .list('replicasets', 'gitlab-runner')
        .items.map((set) => (set['spec'] as {replicas: number}).replicas)
        .sort();
      assert.deepEqual(replicas, [0, 1]);
      const newest = store
        .list('replicasets', 'gitlab-runner')
        .items.find((set) => (set['spec'] as {replicas: number}).replicas === 1);
      assert.equal(
        store.list('pods', 'gitlab-runner').items[0]!.metadata.labels?.['pod-template-hash'],
        newest?.metadata.labels?.['pod-template-hash'],
      );
    } finally {
      controllers.stop();
    }
  });

  it('reads the speed at each timer, so a running lab can be slowed down', async () => {
    let speed = 1000;
    const clock = createClock(() => speed);
    let fired = false;
    speed = 0;
    clock.after(5, () => {
      fired = true;
    });
    await delay(20);
    clock.stop();
    assert.equal(fired, true);
  });
});
