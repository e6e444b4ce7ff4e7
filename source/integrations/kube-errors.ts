import {z} from 'zod';
import {KubeError, type KubeErrorCode} from './kube-port.js';

// client-node 1.x throws ApiException{code, body}; for statuses its spec does not list
// (403 from admission) `.body` is the raw text, so the Status is parsed from either form.

const statusSchema = z.looseObject({message: z.string().optional(), reason: z.string().optional()});
const apiExceptionSchema = z.looseObject({code: z.number(), body: z.unknown()});
const networkSchema = z.looseObject({code: z.string().optional(), message: z.string()});

/** Maps anything a client-node call threw to a KubeError with the API's own words. */
export function toKubeError(error: unknown, what: string): KubeError {
  if (error instanceof KubeError) return error;
  const api = apiExceptionSchema.safeParse(error);
  if (api.success) {
    const detail = statusMessage(api.data.body) ?? `HTTP ${api.data.code}`;
    const code = codeForStatus(api.data.code);
    return new KubeError(code, `${what}: ${detail}`, detail, api.data.code);
  }
  const network = networkSchema.safeParse(error);
  const message = network.success ? network.data.message : String(error);
  const errno = network.success ? (network.data.code ?? '') : '';
  if (
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|ETIMEDOUT|socket hang up/i.test(errno + message)
  ) {
    return new KubeError(
      'unreachable',
      `${what}: the API server did not answer (${errno || message})`,
      message,
    );
  }
  if (/Unrecognized API version and kind/.test(message)) {
    return new KubeError('invalid', `${what}: ${message}`, message);
  }
  return new KubeError('server', `${what}: ${message}`, message);
}

function codeForStatus(status: number): KubeErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 504) return 'timeout';
  return 'server';
}

function statusMessage(body: unknown): string | undefined {
  let value: unknown = body;
  if (value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
  if (typeof value === 'string') {
    const text = value;
    try {
      value = JSON.parse(text);
    } catch {
      return text.trim() || undefined;
    }
  }
  const status = statusSchema.safeParse(value);
  return status.success ? status.data.message : undefined;
}
