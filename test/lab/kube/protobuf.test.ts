import assert from 'node:assert/strict';
import {test} from 'node:test';
import {decodeKubeProtobuf} from '../../../source/lab/kube/protobuf.js';
import {KubeStatusError} from '../../../source/lab/kube/status.js';

// Minimal protobuf writer for the tests: length-delimited fields only.
function field(number: number, value: Uint8Array | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value) : Buffer.from(value);
  const varint = (n: number) => {
    const out: number[] = [];
    let rest = n;
    while (rest >= 0x80) {
      out.push((rest & 0x7f) | 0x80);
      rest >>= 7;
    }

    out.push(rest);
    return out;
  };

  return Buffer.from([...varint((number << 3) | 2), ...varint(bytes.length), ...bytes]);
}

function envelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const typeMeta = Buffer.concat([field(1, apiVersion), field(2, kind)]);
  return Buffer.concat([Buffer.from('k8s\0'), field(1, typeMeta), field(2, raw)]);
}

test('decodes the Namespace kubectl create namespace sends', () => {
  const metadata = Buffer.concat([
    field(1, 'gitlab-runner'),
    field(2, ''),
    field(11, Buffer.concat([field(1, 'team'), field(2, 'ci')])),
  ]);
  const body = envelope(
    'v1',
    'Namespace',
    Buffer.concat([field(1, metadata), field(2, Buffer.alloc(0))]),
  );
  assert.deepEqual(decodeKubeProtobuf(body), {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {name: 'gitlab-runner', labels: {team: 'ci'}},
  });
});

test('decodes the SelfSubjectAccessReview kubectl auth can-i sends', () => {
  const attributes = Buffer.concat([
    field(1, 'gitlab-runner'),
    field(2, 'create'),
    field(4, 'v1'),
    field(5, 'pods'),
  ]);
  const body = envelope(
    'authorization.k8s.io/v1',
    'SelfSubjectAccessReview',
    Buffer.concat([field(1, Buffer.alloc(0)), field(2, field(1, attributes))]),
  );
  assert.deepEqual(decodeKubeProtobuf(body), {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: {},
    spec: {
      resourceAttributes: {
        namespace: 'gitlab-runner',
        verb: 'create',
        version: 'v1',
        resource: 'pods',
      },
    },
  });
});

test('refuses protobuf for a kind it cannot map, with a 400 that says to send JSON', () => {
  assert.throws(
    () => decodeKubeProtobuf(envelope('batch/v1', 'Job', Buffer.alloc(0))),
    (error: unknown) =>
      error instanceof KubeStatusError &&
      error.status.code === 400 &&
      /send JSON/.test(error.status.message),
  );
});

function varintField(number: number, value: number): Buffer {
  return Buffer.from([number << 3, value]);
}

test('decodes a Deployment as its JSON form: pointers keep a zero, value fields drop theirs', () => {
  const container = Buffer.concat([
    field(1, 'build'),
    field(2, 'docker:18.09'),
    field(15, varintField(2, 1)), // securityContext.privileged: true
    Buffer.from([0x80, 0x01, 0x00]), // stdin (field 16): false, written by protobuf, left out by JSON
  ]);
  const template = Buffer.concat([
    field(1, field(11, Buffer.concat([field(1, 'app'), field(2, 'ci')]))),
    field(2, Buffer.concat([field(2, container), varintField(11, 0)])),
  ]);
  const strategy = Buffer.concat([
    field(1, 'RollingUpdate'),
    field(
      2,
      Buffer.concat([
        field(1, Buffer.concat([varintField(1, 1), field(3, '25%')])),
        field(2, varintField(2, 1)),
      ]),
    ),
  ]);
  const spec = Buffer.concat([
    varintField(1, 0), // replicas: 0 (a pointer: kept)
    field(2, field(1, Buffer.concat([field(1, 'app'), field(2, 'ci')]))),
    field(3, template),
    field(4, strategy),
  ]);
  const body = envelope(
    'apps/v1',
    'Deployment',
    Buffer.concat([field(1, field(1, 'd')), field(2, spec)]),
  );
  assert.deepEqual(decodeKubeProtobuf(body), {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: 'd'},
    spec: {
      replicas: 0,
      selector: {matchLabels: {app: 'ci'}},
      template: {
        metadata: {labels: {app: 'ci'}},
        spec: {
          containers: [{name: 'build', image: 'docker:18.09', securityContext: {privileged: true}}],
        },
      },
      strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: 1}},
    },
  });
});

test('decodes Secret data as base64, keeping an empty value', () => {
  const entry = (key: string, value: Buffer) =>
    field(2, Buffer.concat([field(1, key), field(2, value)]));
  const body = envelope(
    'v1',
    'Secret',
    Buffer.concat([
      field(1, field(1, 's')),
      entry('bin', Buffer.from([0, 255])),
      field(2, field(1, 'empty')),
      field(3, 'Opaque'),
    ]),
  );
  assert.deepEqual(decodeKubeProtobuf(body), {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {name: 's'},
    data: {bin: 'AP8=', empty: ''},
    type: 'Opaque',
  });
});
