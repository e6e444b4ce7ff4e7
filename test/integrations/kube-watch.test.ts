import {test} from 'node:test';
import assert from 'node:assert/strict';
import {waitForObject, type WatchSource} from '../../source/integrations/kube-watch.js';
import {KubeError, type KubeObject} from '../../source/integrations/kube-port.js';

function deployment(readyReplicas: number, name = 'gitlab-runner'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name, namespace: 'gitlab-runner'},
    spec: {replicas: 1},
    status: {readyReplicas},
  };
}

const ready = (object: KubeObject | undefined) =>
  JSON.stringify(object?.['status']) === JSON.stringify({readyReplicas: 1});

type Script = {
  lists: Array<{items: KubeObject[]; resourceVersion: string} | Error>;
  watches: Array<
    (emit: (phase: string, object: unknown) => void, done: (error: unknown) => void) => void
  >;
};

function scripted(script: Script) {
  const calls: string[] = [];
  const source: WatchSource = {
    async list() {
      const next = script.lists.shift() ?? {items: [], resourceVersion: '0'};
      calls.push(next instanceof Error ? 'list:error' : `list:${next.resourceVersion}`);
      if (next instanceof Error) throw next;
      return next;
    },
    async watch(_apiVersion, _kind, _namespace, resourceVersion, onEvent, onDone) {
      calls.push(`watch:${resourceVersion}`);
      const controller = new AbortController();
      const behaviour = script.watches.shift();
      setTimeout(() => behaviour?.(onEvent, onDone), 5);
      return controller;
    },
    toObject: (value) => value as KubeObject,
  };
  return {source, calls};
}

const target = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  name: 'gitlab-runner',
  namespace: 'gitlab-runner',
};

test('returns at once when the listed object already satisfies the condition', async () => {
  const {source, calls} = scripted({
    lists: [{items: [deployment(1)], resourceVersion: '5'}],
    watches: [],
  });
  const found = await waitForObject(source, target, ready, {description: 'x', timeoutMs: 1000});
  assert.deepEqual(found, deployment(1));
  assert.deepEqual(calls, ['list:5']);
});

test('follows watch events and ignores other objects of the kind', async () => {
  const {source, calls} = scripted({
    lists: [{items: [deployment(0)], resourceVersion: '5'}],
    watches: [
      (emit) => {
        emit('MODIFIED', deployment(1, 'other'));
        emit('MODIFIED', deployment(1));
      },
    ],
  });
  const found = await waitForObject(source, target, ready, {description: 'x', timeoutMs: 1000});
  assert.deepEqual(found, deployment(1));
  assert.deepEqual(calls, ['list:5', 'watch:5']);
});

test('watches again from the last version seen after a dropped stream, and re-lists after a 410', async () => {
  const {source, calls} = scripted({
    lists: [
      {items: [deployment(0)], resourceVersion: '5'},
      {items: [deployment(0)], resourceVersion: '12'},
    ],
    watches: [
      (emit, done) => {
        emit('MODIFIED', {
          ...deployment(0),
          metadata: {...deployment(0).metadata, resourceVersion: '7'},
        });
        done(new Error('socket hang up'));
      },
      (emit, done) => {
        emit('BOOKMARK', {kind: 'Deployment', metadata: {resourceVersion: '9'}});
        done(null);
      },
      (emit) => emit('ERROR', {kind: 'Status', code: 410, reason: 'Expired'}),
      (emit) => emit('MODIFIED', deployment(1)),
    ],
  });
  const found = await waitForObject(source, target, ready, {description: 'x', timeoutMs: 3000});
  assert.deepEqual(found, deployment(1));
  assert.deepEqual(calls, ['list:5', 'watch:5', 'watch:7', 'watch:9', 'list:12', 'watch:12']);
});

test('a watch refused with 410 Gone lists again', async () => {
  const {source, calls} = scripted({
    lists: [
      {items: [deployment(0)], resourceVersion: '5'},
      {items: [deployment(1)], resourceVersion: '20'},
    ],
    watches: [(_emit, done) => done(Object.assign(new Error('Gone'), {statusCode: 410}))],
  });
  const found = await waitForObject(source, target, ready, {description: 'x', timeoutMs: 3000});
  assert.deepEqual(found, deployment(1));
  assert.deepEqual(calls, ['list:5', 'watch:5', 'list:20']);
});

test('times out naming what it waited for and what it last saw', async () => {
  const {source} = scripted({
    lists: [{items: [deployment(0)], resourceVersion: '5'}],
    watches: [() => undefined],
  });
  await assert.rejects(
    waitForObject(source, target, ready, {
      description: 'deployment gitlab-runner/gitlab-runner to be ready',
      timeoutMs: 100,
    }),
    (error: unknown) =>
      error instanceof KubeError &&
      error.code === 'timeout' &&
      error.message ===
        'Timed out after 0 s waiting for deployment gitlab-runner/gitlab-runner to be ready' &&
      error.detail === 'last seen: Deployment gitlab-runner status {"readyReplicas":0}',
  );
});

test('stops at once on a refusal it cannot wait out', async () => {
  const {source} = scripted({
    lists: [
      new KubeError('forbidden', 'list Deployment: forbidden', 'deployments.apps is forbidden'),
    ],
    watches: [],
  });
  await assert.rejects(
    waitForObject(source, target, ready, {description: 'x', timeoutMs: 1000}),
    (error: unknown) => error instanceof KubeError && error.code === 'forbidden',
  );
});

test('retries a list that failed because the server was unreachable', async () => {
  const {source, calls} = scripted({
    lists: [
      new KubeError('unreachable', 'down', 'ECONNREFUSED'),
      {items: [deployment(1)], resourceVersion: '7'},
    ],
    watches: [],
  });
  const found = await waitForObject(source, target, ready, {description: 'x', timeoutMs: 2000});
  assert.deepEqual(found, deployment(1));
  assert.deepEqual(calls, ['list:error', 'list:7']);
});

test('ends with cancelled when the signal aborts', async () => {
  const {source} = scripted({
    lists: [{items: [], resourceVersion: '1'}],
    watches: [() => undefined],
  });
  const controller = new AbortController();
  const waiting = waitForObject(source, target, ready, {
    description: 'x',
    timeoutMs: 5000,
    signal: controller.signal,
  });
  setTimeout(() => controller.abort(), 30);
  await assert.rejects(
    waiting,
    (error: unknown) => error instanceof KubeError && error.code === 'cancelled',
  );
});
