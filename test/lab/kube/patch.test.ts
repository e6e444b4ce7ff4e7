import assert from 'node:assert/strict';
import {test} from 'node:test';
import {jsonPatch, mergePatch, strategicMerge} from '../../../source/lab/kube/patch.js';

const live = {
  metadata: {labels: {a: '1', b: '2'}, finalizers: ['x']},
  spec: {
    containers: [
      {name: 'build', image: 'alpine', env: [{name: 'A', value: '1'}]},
      {name: 'helper', image: 'helper'},
    ],
    tolerations: [{key: 'k'}],
  },
};

test('merge patch replaces lists and deletes keys set to null', () => {
  assert.deepEqual(
    mergePatch(live, {
      metadata: {labels: {a: null, c: '3'}},
      spec: {containers: [{name: 'only', image: 'x'}]},
    }),
    {
      metadata: {labels: {b: '2', c: '3'}, finalizers: ['x']},
      spec: {containers: [{name: 'only', image: 'x'}], tolerations: [{key: 'k'}]},
    },
  );
});

test('strategic merge merges containers and env by name, and honours kubectl directives', () => {
  const patched = strategicMerge(live, {
    metadata: {finalizers: ['y']},
    spec: {
      '$setElementOrder/containers': [{name: 'build'}, {name: 'helper'}],
      containers: [
        {name: 'build', env: [{name: 'B', value: '2'}]},
        {name: 'helper', $patch: 'delete'},
      ],
      tolerations: [{key: 'other'}],
    },
  });
  assert.deepEqual(patched, {
    metadata: {labels: {a: '1', b: '2'}, finalizers: ['x', 'y']},
    spec: {
      containers: [
        {
          name: 'build',
          image: 'alpine',
          env: [
            {name: 'A', value: '1'},
            {name: 'B', value: '2'},
          ],
        },
      ],
      tolerations: [{key: 'other'}],
    },
  });
});

test('JSON patch adds, replaces, removes and tests', () => {
  assert.deepEqual(
    jsonPatch(live, [
      {op: 'test', path: '/spec/containers/0/name', value: 'build'},
      {op: 'replace', path: '/spec/containers/0/image', value: 'alpine:3'},
      {op: 'remove', path: '/spec/containers/1'},
      {op: 'add', path: '/metadata/labels/c~1d', value: '3'},
      {op: 'remove', path: '/spec/tolerations'},
    ]),
    {
      metadata: {labels: {a: '1', b: '2', 'c/d': '3'}, finalizers: ['x']},
      spec: {containers: [{name: 'build', image: 'alpine:3', env: [{name: 'A', value: '1'}]}]},
    },
  );
  assert.throws(() =>
    jsonPatch(live, [{op: 'test', path: '/spec/containers/0/name', value: 'nope'}]),
  );
});
