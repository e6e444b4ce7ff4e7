import assert from 'node:assert/strict';
import {createSecureContext} from 'node:tls';
import {X509Certificate} from 'node:crypto';
import {test} from 'node:test';
import {createSelfSignedCertificate} from '../../../source/lab/kube/tls.js';

test('every lab certificate is one OpenSSL accepts (no illegally padded serial), for the hosts asked', () => {
  // About 1 serial in 100 used to start with a needless 0x00 and the lab then failed to start.
  for (let index = 0; index < 300; index++) {
    const material = createSelfSignedCertificate(['127.0.0.1', 'localhost']);
    assert.doesNotThrow(
      () => createSecureContext({cert: material.cert, key: material.key}),
      `certificate ${index}`,
    );
  }

  const certificate = new X509Certificate(
    createSelfSignedCertificate(['127.0.0.1', 'lab.example']).cert,
  );
  assert.equal(certificate.subjectAltName, 'IP Address:127.0.0.1, DNS:lab.example');
  assert.ok(certificate.checkIP('127.0.0.1'));
});
