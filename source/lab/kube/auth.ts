// Bearer tokens the lab issues (HMAC-signed claims, keyed per lab) and who a request is from.
import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import type {IncomingMessage} from 'node:http';
import {z} from 'zod';
import type {LabUser} from '../types.js';

const claimsSchema = z.object({
  name: z.string().min(1),
  groups: z.array(z.string()),
  mkeAdmin: z.boolean(),
});

/** A fresh random key for a new lab's world (`LabWorld.auth.key`). */
export function newAuthKey(): string {
  return randomBytes(32).toString('base64url');
}

function sign(key: string, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** A token for `user`, valid for as long as the lab keeps `key`. */
export function issueToken(key: string, user: LabUser): string {
  const payload = Buffer.from(JSON.stringify(user)).toString('base64url');
  return `lab.${payload}.${sign(key, payload)}`;
}

/** The user a token stands for, or undefined when it is not one of this lab's. */
export function verifyToken(key: string, token: string): LabUser | undefined {
  const [prefix, payload, signature] = token.split('.');
  if (prefix !== 'lab' || !payload || !signature) return undefined;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }

  const parsed = claimsSchema.safeParse(decoded);
  return parsed.success ? parsed.data : undefined;
}

/** The MKE admin (the client bundle's identity): full access, and an admin to UCPAuthorization. */
export function adminUser(name = 'admin'): LabUser {
  return {name, groups: ['system:masters', 'system:authenticated'], mkeAdmin: true};
}

/** A service account's identity with the groups Kubernetes gives it. */
export function serviceAccountUser(namespace: string, name: string): LabUser {
  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    groups: [
      'system:serviceaccounts',
      `system:serviceaccounts:${namespace}`,
      'system:authenticated',
    ],
    mkeAdmin: false,
  };
}

/** The lab's controllers and runner machinery acting as the cluster itself. */
export const systemUser: LabUser = {
  name: 'system:kube-controller-manager',
  groups: ['system:masters', 'system:authenticated'],
  mkeAdmin: true,
};

/** Reads the request's bearer token; undefined when absent or not this lab's. */
export function authenticateRequest(key: string, request: IncomingMessage): LabUser | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ? verifyToken(key, match[1]) : undefined;
}

/** `system:serviceaccount:ns:name` → {namespace, name}. */
export function parseServiceAccountName(
  user: string,
): {readonly namespace: string; readonly name: string} | undefined {
  const match = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  return match?.[1] && match[2] ? {namespace: match[1], name: match[2]} : undefined;
}
