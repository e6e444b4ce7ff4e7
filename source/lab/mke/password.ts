import {randomBytes, scryptSync, timingSafeEqual} from 'node:crypto';

// The lab keeps MKE's admin password only as `scrypt$<salt>$<hash>` (base64url), so world.json
// never holds a secret.

const keyLength = 32;

/** A scrypt hash of a password, in the form the lab's world stores. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, keyLength);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** True when the password matches a hash made by `hashPassword`. */
export function verifyPassword(password: string, stored: string | undefined): boolean {
  const [scheme, salt, hash] = (stored ?? '').split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length || keyLength);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
