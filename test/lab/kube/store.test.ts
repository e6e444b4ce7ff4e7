import assert from 'node:assert/strict';
import {test} from 'node:test';
import {createStore} from '../../../source/lab/kube/store.js';
import {KubeStatusError} from '../../../source/lab/kube/status.js';
import type {LabObject, WatchEvent} from '../../../source/lab/types.js';

function pod(name: string, labels: Record<string, string> = {}, phase = 'Pending'): LabObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {name, namespace: 'ci', labels},
    status: {phase},
  };
}

function statusCode(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof KubeStatusError) return error.status.code;
    throw error;
  }

  return undefined;
}

test('gives every created object a uid, a timestamp and the next global resourceVersion', () => {
  const store = createStore();
  const first = store.create('namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {name: 'ci'},
  });
  const second = store.create('pods', pod('a'));
  assert.equal(first.metadata.resourceVersion, '1');
  assert.equal(second.metadata.resourceVersion, '2');
  assert.match(second.metadata.uid ?? '', /^[\da-f-]{36}$/);
  assert.match(second.metadata.creationTimestamp ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(store.resourceVersion(), '2');
});

test('appends five characters of Kubernetes alphabet to generateName', () => {
  const store = createStore();
  const created = store.create('pods', {
    ...pod(''),
    metadata: {name: '', namespace: 'ci', generateName: 'runner-abc-'},
  });
  assert.match(created.metadata.name, /^runner-abc-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test('refuses a second object with the same name with 409 AlreadyExists', () => {
  const store = createStore();
  store.create('pods', pod('a'));
  assert.equal(
    statusCode(() => store.create('pods', pod('a'))),
    409,
  );
});

test('refuses an update from a stale resourceVersion with 409 Conflict', () => {
  const store = createStore();
  const created = store.create('pods', pod('a'));
  store.update('pods', {...created, metadata: {...created.metadata, labels: {x: '1'}}});
  assert.equal(
    statusCode(() =>
      store.update('pods', {...created, metadata: {...created.metadata, labels: {x: '2'}}}),
    ),
    409,
  );
});

test('does not bump the resourceVersion for an update that changes nothing', () => {
  const store = createStore();
  const created = store.create('pods', pod('a'));
  assert.equal(
    store.update('pods', created).metadata.resourceVersion,
    created.metadata.resourceVersion,
  );
});

for (const [labelSelector, fieldSelector, expected] of [
  ['app=web', undefined, ['a', 'b']],
  ['app=web,tier!=db', undefined, ['a']],
  ['app in (web,api)', undefined, ['a', 'b', 'c']],
  ['tier', undefined, ['b']],
  ['!tier', undefined, ['a', 'c']],
  [undefined, 'status.phase=Running', ['b']],
  [undefined, 'metadata.name!=a', ['b', 'c']],
  ['app=web', 'metadata.name=b', ['b']],
] as const) {
  test(`lists the objects matching labelSelector ${String(labelSelector)} and fieldSelector ${String(fieldSelector)}`, () => {
    const store = createStore();
    store.create('pods', pod('a', {app: 'web'}));
    store.create('pods', pod('b', {app: 'web', tier: 'db'}, 'Running'));
    store.create('pods', pod('c', {app: 'api'}));
    const {items} = store.list('pods', 'ci', {
      ...(labelSelector ? {labelSelector} : {}),
      ...(fieldSelector ? {fieldSelector} : {}),
    });
    assert.deepEqual(
      items.map((item) => item.metadata.name),
      expected,
    );
  });
}

test('replays the events after a resourceVersion, then streams new ones', () => {
  const store = createStore();
  store.create('pods', pod('a'));
  const from = store.resourceVersion();
  const b = store.create('pods', pod('b'));
  store.update('pods', {...b, metadata: {...b.metadata, labels: {seen: 'yes'}}});
  const events: string[] = [];
  const stop = store.watch('pods', 'ci', from, (event: WatchEvent) => {
    events.push(
      `${event.type} ${event.object.metadata.name}@${event.object.metadata.resourceVersion}`,
    );
  });
  store.delete('pods', 'ci', 'a');
  stop();
  store.create('pods', pod('c'));
  assert.deepEqual(events, ['ADDED b@2', 'MODIFIED b@3', 'DELETED a@4']);
});

test('starts a watch without a resourceVersion with ADDED events for what exists', () => {
  const store = createStore();
  store.create('pods', pod('a'));
  const events: string[] = [];
  const stop = store.watch('pods', undefined, undefined, (event) =>
    events.push(`${event.type} ${event.object.metadata.name}`),
  );
  stop();
  assert.deepEqual(events, ['ADDED a']);
});

test('answers 410 Gone for a watch older than the kept history', () => {
  const store = createStore({historyLimit: 2});
  for (const name of ['a', 'b', 'c', 'd']) store.create('pods', pod(name));
  assert.equal(
    statusCode(() => store.watch('pods', undefined, '1', () => undefined)),
    410,
  );
  assert.equal(
    statusCode(() => store.watch('pods', undefined, '2', () => undefined)),
    undefined,
  );
});

test('deletes the objects and logs of a namespace with it', () => {
  const store = createStore();
  store.create('namespaces', {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'ci'}});
  store.create('pods', pod('a'));
  store.appendLog('ci', 'a', 'build', 'hello\n');
  store.delete('namespaces', undefined, 'ci');
  assert.deepEqual(store.list('pods').items, []);
  assert.equal(store.readLog('ci', 'a', 'build'), '');
});

test('restores a snapshot as it was, and old watch positions become 410 Gone', () => {
  const store = createStore();
  store.create('pods', pod('a', {app: 'web'}));
  store.create('pods', pod('z'));
  store.appendLog('ci', 'a', 'build', 'line 1\n');
  const snapshot = JSON.parse(JSON.stringify(store.snapshot())) as unknown;
  const copy = createStore();
  copy.restore(snapshot);
  assert.deepEqual(copy.list('pods'), store.list('pods'));
  assert.equal(copy.readLog('ci', 'a', 'build'), 'line 1\n');
  assert.equal(copy.create('pods', pod('b')).metadata.resourceVersion, '3');
  assert.equal(
    statusCode(() => copy.watch('pods', undefined, '1', () => undefined)),
    410,
  );
});

test('refuses a snapshot that is not one', () => {
  assert.throws(() => createStore().restore({objects: 'nope'}));
});

test('tells change listeners about every stored change', () => {
  const store = createStore();
  const seen: string[] = [];
  store.onChange((event, resource) => seen.push(`${event.type} ${resource}`));
  store.create('pods', pod('a'));
  store.create('pods', {...pod('b'), metadata: {name: 'b', namespace: 'ci'}}, {dryRun: true});
  store.delete('pods', 'ci', 'a');
  assert.deepEqual(seen, ['ADDED pods', 'DELETED pods']);
});
