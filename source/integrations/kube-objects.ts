import {z} from 'zod';
import {KubeError, type KubeObject} from './kube-port.js';
import {toKubeError} from './kube-errors.js';

// What the API answers, parsed (it arrives as unknown), and the retry of safe reads.

const objectSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({name: z.string(), namespace: z.string().optional()}),
});
const listSchema = z.looseObject({
  metadata: z.looseObject({resourceVersion: z.string().optional()}).optional(),
  items: z.array(z.unknown()),
});

/** `GET /version`. */
export const versionSchema = z.looseObject({gitVersion: z.string()});

// A read is safe to repeat: a 5xx or a dropped connection is tried again twice, briefly.
const readRetryPausesMs = [200, 500];

/** Runs a read, again after a 5xx or a dropped connection. */
export async function retryRead<T>(read: () => Promise<T>): Promise<T> {
  for (const pause of readRetryPausesMs) {
    try {
      return await read();
    } catch (error) {
      const code = toKubeError(error, 'read').code;
      if (code !== 'server' && code !== 'unreachable') throw error;
      await new Promise((resolve) => {
        setTimeout(resolve, pause);
      });
    }
  }

  return read();
}

/** An API answer as a KubeObject (the request's apiVersion and kind filled in). */
export function toObject(value: unknown, apiVersion: string, kind: string): KubeObject {
  // List items and some typed answers carry no apiVersion/kind; the request knows them.
  const plain: unknown = JSON.parse(JSON.stringify(value ?? null));
  const withType =
    plain !== null && typeof plain === 'object' ? {apiVersion, kind, ...plain} : plain;
  const parsed = objectSchema.safeParse(withType);
  if (!parsed.success) {
    throw new KubeError('server', `The API answered an unexpected ${kind}`, parsed.error.message);
  }
  return parsed.data;
}

/** A list answer: its objects and resourceVersion. */
export function parseList(
  value: unknown,
  apiVersion: string,
  kind: string,
): {readonly items: readonly KubeObject[]; readonly resourceVersion: string | undefined} {
  const parsed = listSchema.safeParse(JSON.parse(JSON.stringify(value ?? null)));
  if (!parsed.success) {
    throw new KubeError(
      'server',
      `The API answered an unexpected ${kind} list`,
      parsed.error.message,
    );
  }
  return {
    items: parsed.data.items.map((item) => toObject(item, apiVersion, kind)),
    resourceVersion: parsed.data.metadata?.resourceVersion,
  };
}
