import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {createSelfSignedCertificate, type TlsMaterial} from '../kube/tls.js';
import {writeFileAtomic} from './atomic-write.js';

/** The lab's certificate and key from its directory, made on first start. */
export async function loadOrCreateTls(labDir: string): Promise<TlsMaterial> {
  const certFile = path.join(labDir, 'tls-cert.pem');
  const keyFile = path.join(labDir, 'tls-key.pem');
  const [cert, key] = await Promise.all([
    readFile(certFile, 'utf8').catch(() => undefined),
    readFile(keyFile, 'utf8').catch(() => undefined),
  ]);
  if (cert && key) return {cert, key};
  const made = createSelfSignedCertificate();
  await writeFileAtomic(keyFile, made.key);
  await writeFileAtomic(certFile, made.cert, 0o644);
  return made;
}
