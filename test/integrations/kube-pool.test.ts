import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {createKubeFactory} from '../../source/integrations/kube.js';
import {createSelfSignedCertificate} from '../../source/lab/kube/tls.js';
import {startLab, writeKubeconfig} from '../helpers/lab.js';

// A reconcile runs several probes on one kubeconfig: they must share one client and one pool of
// kept-alive connections, not pay a TCP connect and a TLS handshake per request.

const tls = createSelfSignedCertificate();
const sockets = new Set<unknown>();
const lab = await startLab({
  tls,
  routes: [
    (request) => {
      sockets.add(request.socket);
      return false;
    },
  ],
});
after(async () => lab.close());
const kubeconfig = path.join(lab.dir, 'pooled.yml');
await writeKubeconfig(kubeconfig, {url: lab.url, token: lab.adminToken, ca: tls.cert});

test('requests one after another through one kubeconfig use one TLS connection', async () => {
  const kube = await createKubeFactory()(kubeconfig);
  sockets.clear();
  assert.match(await kube.version(), /^v1\./);
  assert.equal((await kube.get('v1', 'Namespace', 'default'))?.metadata.name, 'default');
  assert.ok((await kube.list('v1', 'Namespace')).length > 0);
  assert.equal(await kube.get('apps/v1', 'Deployment', 'absent', 'default'), undefined);
  assert.equal(sockets.size, 1);
});

test('the same kubeconfig file gives the same client; a changed one a new client', async () => {
  const factory = createKubeFactory();
  const first = await factory(kubeconfig);
  assert.equal(await factory(kubeconfig), first);

  const changed = path.join(lab.dir, 'changed.yml');
  await writeKubeconfig(changed, {url: lab.url, token: lab.adminToken, ca: tls.cert});
  const before = await factory(changed);
  await writeFile(changed, `${await readFile(changed, 'utf8')}\n# a comment changes the content\n`);
  const after = await factory(changed);
  assert.notEqual(after, before);
  assert.match(await after.version(), /^v1\./);
});
