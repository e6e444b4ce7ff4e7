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
    spec: {},
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
    () => decodeKubeProtobuf(envelope('v1', 'Pod', Buffer.alloc(0))),
    (error: unknown) =>
      error instanceof KubeStatusError &&
      error.status.code === 400 &&
      /send JSON/.test(error.status.message),
  );
});
