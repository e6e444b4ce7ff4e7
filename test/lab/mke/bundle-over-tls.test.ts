import assert from 'node:assert/strict';
import {request} from 'node:https';
import {after, before, describe, it} from 'node:test';
import {CoreV1Api, KubeConfig} from '@kubernetes/client-node';
import {strFromU8, unzipSync} from 'fflate';
import {createSelfSignedCertificate, type TlsMaterial} from '../../../source/lab/kube/tls.js';
import {startLab, type TestLab} from '../../helpers/lab.js';

type Answer = {status: number; body: Buffer};

async function call(
  url: string,
  ca: string,
  init: {method: string; headers?: Record<string, string>; body?: string},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {method: init.method, headers: init.headers ?? {}, ca},
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({status: incoming.statusCode ?? 0, body: Buffer.concat(chunks)}),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

describe('the client bundle of a lab that serves HTTPS', () => {
  let lab: TestLab;
  let url = '';
  let tls: TlsMaterial;
  before(async () => {
    tls = createSelfSignedCertificate();
    lab = await startLab({tls});
    ({url} = lab);
  });
  after(async () => lab.close());

  it("carries the lab's certificate as ca.pem and a kube.yml that client-node uses as it is", async () => {
    const login = await call(`${url}/auth/login`, tls.cert, {
      method: 'POST',
      body: JSON.stringify({username: 'admin', password: 'adminadmin'}),
    });
    assert.equal(login.status, 200);
    const {auth_token: token} = JSON.parse(login.body.toString()) as {auth_token: string};
    const bundle = await call(`${url}/api/clientbundle`, tls.cert, {
      method: 'GET',
      headers: {Authorization: `Bearer ${token}`},
    });
    assert.equal(bundle.status, 200);
    const files = unzipSync(new Uint8Array(bundle.body));
    assert.equal(strFromU8(files['ca.pem']!), tls.cert);
    const config = new KubeConfig();
    config.loadFromString(strFromU8(files['kube.yml']!));
    assert.equal(config.getCurrentCluster()?.server, url);
    const namespaces = await config.makeApiClient(CoreV1Api).listNamespace();
    assert.deepEqual(
      namespaces.items.map((namespace) => namespace.metadata?.name),
      ['default', 'kube-node-lease', 'kube-public', 'kube-system'],
    );
  });
});
