// A self-signed certificate for the lab's HTTPS listener, built with node:crypto alone (no
// openssl on workshop laptops). kubectl only sends bearer tokens over TLS, so the lab needs one;
// it serves as its own CA (the client bundle's ca.pem).
import {createPrivateKey, generateKeyPairSync, randomBytes, sign} from 'node:crypto';
import {isIP} from 'node:net';

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, ...parts);

function oid(text: string): Buffer {
  const [first = 0, second = 0, ...rest] = text.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const part of rest) {
    const chunk: number[] = [part & 0x7f];
    for (let value = part >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }

  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replaceAll(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(0x17, Buffer.from(text));
}

function name(commonName: string): Buffer {
  return sequence(tlv(0x31, sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName)))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
}

function alternativeName(host: string): Buffer {
  if (isIP(host) === 4) return tlv(0x87, Buffer.from(host.split('.').map(Number)));
  return tlv(0x82, Buffer.from(host));
}

/** A PEM certificate and its PEM private key. */
export type TlsMaterial = {readonly cert: string; readonly key: string};

/** Makes a P-256 certificate for `hosts` (DNS names and IPv4 addresses), valid for ten years. */
export function createSelfSignedCertificate(
  hosts: readonly string[] = ['127.0.0.1', 'localhost'],
  commonName = 'mke-runbook lab',
): TlsMaterial {
  const {privateKey, publicKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'});
  const serial = randomBytes(16);
  // DER integers are minimal and signed: a leading 0x00 before a byte < 0x80 is "illegal
  // padding" to OpenSSL (it refused about 1 lab in 100), so the first byte is 0x40..0x7f.
  serial[0] = ((serial[0] ?? 0) & 0x3f) | 0x40;
  const ecdsaSha256 = sequence(oid('1.2.840.10045.4.3.2'));
  const now = Date.now();
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    ecdsaSha256,
    name(commonName),
    sequence(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 10 * 365 * 86_400_000))),
    name(commonName),
    publicKey.export({type: 'spki', format: 'der'}),
    tlv(
      0xa3,
      sequence(
        extension('2.5.29.19', true, sequence(tlv(0x01, Buffer.from([0xff])))),
        // digitalSignature + keyCertSign
        extension('2.5.29.15', true, tlv(0x03, Buffer.from([0x02, 0x84]))),
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
        extension('2.5.29.17', false, sequence(...hosts.map((host) => alternativeName(host)))),
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, ecdsaSha256, tlv(0x03, Buffer.from([0]), signature));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
    key: createPrivateKey(privateKey.export({type: 'pkcs8', format: 'pem'}))
      .export({type: 'pkcs8', format: 'pem'})
      .toString(),
  };
}
