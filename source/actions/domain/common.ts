import path from 'node:path';
import {z} from 'zod';
import type {StepError} from '../../engine/errors.js';
import {KubeError} from '../../integrations/kube-port.js';
import {HttpError} from '../../integrations/http-error.js';
import {parseDuration} from '../../runbook/duration.js';

/** A duration argument: milliseconds, or `500ms` / `30s` / `5m` / `1h`. */
export const durationArg = z.union([
  z.number().int().positive(),
  z.string().refine((text) => parseDuration(text) !== undefined, {
    message: 'a duration such as 30s or 10m',
  }),
]);

/** Milliseconds of a duration argument. */
export function durationMs(value: number | string): number {
  return typeof value === 'number' ? value : (parseDuration(value) ?? 0);
}

/** The id of a secret parameter (the value itself never travels in arguments). */
export const secretParamArg = z.string().regex(/^[a-z][a-z0-9_]*$/, 'the id of a secret parameter');

/** A service account written as MKE writes it: `namespace:name`. */
export const qualifiedAccountArg = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'namespace:name');

/** A boolean argument that may arrive as a rendered template string ("true"/"false"). */
export const booleanArg = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform((text) => text === 'true'),
]);

/** Thrown when a secret parameter has no value in memory. */
export class MissingSecretError extends Error {
  readonly paramId: string;

  constructor(paramId: string) {
    super(`the secret parameter \`${paramId}\` has no value`);
    this.name = 'MissingSecretError';
    this.paramId = paramId;
  }
}

/** The value of a secret parameter. */
export function secretValue(secrets: Readonly<Record<string, string>>, paramId: string): string {
  const value = secrets[paramId];
  if (value === undefined || value === '') throw new MissingSecretError(paramId);
  return value;
}

/** A path argument resolved against the profile's work directory. */
export function inWorkdir(workdir: string, file: string): string {
  return path.resolve(workdir, file);
}

/** Turns what an integration threw into a StepError a person can act on. */
export function stepErrorFrom(error: unknown, hint?: string): StepError {
  const withHint = (fallback: string | undefined) => {
    const chosen = hint ?? fallback;
    return chosen === undefined ? {} : {hint: chosen};
  };
  if (error instanceof KubeError) {
    return {
      code: error.code,
      message: error.message,
      detail: error.detail,
      ...withHint(kubeHint(error)),
    };
  }
  if (error instanceof HttpError) {
    return {
      code: error.code === 'too-large' || error.code === 'tls' ? 'invalid' : error.code,
      message: error.message,
      ...withHint(
        error.code === 'tls'
          ? 'MKE uses a self-signed CA by default: set insecure: true for this call, or trust the CA'
          : 'check the address and that the server is up',
      ),
    };
  }
  if (error instanceof MissingSecretError) {
    return {
      code: 'invalid',
      message: error.message,
      hint: `set it in the environment variable the runbook names for \`${error.paramId}\`, or answer the prompt`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {code: 'failed', message, ...withHint(undefined)};
}

function kubeHint(error: KubeError): string | undefined {
  switch (error.code) {
    case 'unreachable':
      return 'check that the cluster is up and that the kubeconfig points at it';
    case 'unauthorized':
      return 'the kubeconfig credentials were refused: download a fresh client bundle';
    case 'forbidden':
      return 'read the API words above: they say who was refused what';
    default:
      return undefined;
  }
}
