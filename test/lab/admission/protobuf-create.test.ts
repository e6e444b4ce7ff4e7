// A privileged pod sent as protobuf (the body kubectl's typed creates use) meets the same
// admission as one sent as JSON: refused for the runner's service account, with the same words.
import assert from 'node:assert/strict';
import {after, before, it} from 'node:test';
import {startLab, type TestLab} from '../../helpers/lab.js';
import {createRunnerAccount, runnerUser} from '../gitlab/runner-objects.js';

function field(number: number, value: string | Buffer | number): Buffer {
  if (typeof value === 'number') return Buffer.from([number << 3, value]);
  const bytes = Buffer.from(value);
  const length: number[] = [];
  for (let rest = bytes.length; ; rest >>>= 7) {
    if (rest < 0x80) {
      length.push(rest);
      break;
    }

    length.push((rest & 0x7f) | 0x80);
  }

  return Buffer.concat([Buffer.from([(number << 3) | 2, ...length]), bytes]);
}

// Pod{metadata{name}, spec{containers[{name, image, securityContext{privileged: true}}]}}
const protobufPod = Buffer.concat([
  Buffer.from('k8s\0'),
  field(1, Buffer.concat([field(1, 'v1'), field(2, 'Pod')])),
  field(
    2,
    Buffer.concat([
      field(1, field(1, 'dind')),
      field(
        2,
        field(
          2,
          Buffer.concat([field(1, 'build'), field(2, 'docker:18.09-dind'), field(15, field(2, 1))]),
        ),
      ),
    ]),
  ),
]);

const jsonPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {name: 'dind'},
  spec: {
    containers: [{name: 'build', image: 'docker:18.09-dind', securityContext: {privileged: true}}],
  },
};

let fixture: TestLab;
before(async () => {
  fixture = await startLab();
  await createRunnerAccount(fixture);
});
after(async () => fixture.close());

async function createAsRunner(contentType: string, body: Uint8Array | string) {
  const response = await fetch(`${fixture.url}/api/v1/namespaces/gitlab-runner/pods`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${fixture.lab.tokenFor(runnerUser())}`,
      'Content-Type': contentType,
      Accept: 'application/json',
    },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const status = (await response.json()) as {message?: string};
  return [response.status, status.message];
}

it('refuses a privileged pod sent as protobuf exactly as the same pod sent as JSON', async () => {
  const asProtobuf = await createAsRunner('application/vnd.kubernetes.protobuf', protobufPod);
  const asJson = await createAsRunner('application/json', JSON.stringify(jsonPod));
  assert.equal(asProtobuf[0], 403);
  assert.match(String(asProtobuf[1]), /lack required permissions to use attributes \[privileged\]/);
  assert.deepEqual(asProtobuf, asJson);
  assert.deepEqual(fixture.objects('pods', 'gitlab-runner'), []);
});
