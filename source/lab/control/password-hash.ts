import {randomBytes, scryptSync, timingSafeEqual} from 'node:crypto';

// The lab keeps no secret in plain text: MKE's admin password is stored as
// `scrypt$<salt base64>$<key base64>`.

/** Hashes a password for the lab's world. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `password` matches a hash made by `hashPassword`. */
export function verifyPassword(password: string, hash: string): boolean {
  const [scheme, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length);
  return expected.length > 0 && timingSafeEqual(actual, expected);
}
