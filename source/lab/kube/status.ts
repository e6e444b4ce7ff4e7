// Kubernetes `Status` failures, worded as the API server words them
// (k8s.io/apimachinery/pkg/api/errors).

/** A Kubernetes `Status` object describing a failed request. */
export type KubeStatus = {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: string;
  readonly details?: {
    readonly name?: string;
    readonly group?: string;
    readonly kind?: string;
    readonly causes?: ReadonlyArray<{
      readonly reason: string;
      readonly message: string;
      readonly field: string;
    }>;
  };
  readonly code: number;
};

/** Thrown by the store and the API; the HTTP layer sends `status` as the body with `status.code`. */
export class KubeStatusError extends Error {
  readonly status: KubeStatus;

  constructor(status: KubeStatus) {
    super(status.message);
    this.name = 'KubeStatusError';
    this.status = status;
  }
}

/** Group-qualified resource as Kubernetes prints it: `pods`, `deployments.apps`. */
export type QualifiedResource = {readonly resource: string; readonly group: string};

function qualified({resource, group}: QualifiedResource): string {
  return group ? `${resource}.${group}` : resource;
}

function details(target: QualifiedResource, name?: string): KubeStatus['details'] {
  return {
    ...(name ? {name} : {}),
    ...(target.group ? {group: target.group} : {}),
    kind: target.resource,
  };
}

/** Builds a failure `Status`. */
export function failure(
  code: number,
  reason: string,
  message: string,
  statusDetails?: KubeStatus['details'],
): KubeStatusError {
  return new KubeStatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(statusDetails ? {details: statusDetails} : {}),
    code,
  });
}

/** 404 `pods "x" not found`. */
export function notFound(target: QualifiedResource, name: string): KubeStatusError {
  return failure(
    404,
    'NotFound',
    `${qualified(target)} "${name}" not found`,
    details(target, name),
  );
}

/** 404 for a path the server does not serve. */
export function pathNotFound(): KubeStatusError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** 409 `namespaces "x" already exists`. */
export function alreadyExists(target: QualifiedResource, name: string): KubeStatusError {
  return failure(
    409,
    'AlreadyExists',
    `${qualified(target)} "${name}" already exists`,
    details(target, name),
  );
}

/** 409 on a stale resourceVersion. */
export function conflict(target: QualifiedResource, name: string, why?: string): KubeStatusError {
  const reason =
    why ??
    'the object has been modified; please apply your changes to the latest version and try again';
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(target)} "${name}": ${reason}`,
    details(target, name),
  );
}

/** 403 with the authorizer's or admission's explanation. */
export function forbidden(
  target: QualifiedResource,
  name: string | undefined,
  why: string,
): KubeStatusError {
  const subject = name ? `${qualified(target)} "${name}"` : qualified(target);
  return failure(403, 'Forbidden', `${subject} is forbidden: ${why}`, details(target, name));
}

/** One invalid field, for `invalid`. */
export type FieldError = {
  readonly type: 'Required value' | 'Invalid value' | 'Forbidden' | 'Unsupported value';
  readonly field: string;
  readonly detail: string;
  readonly value?: string;
};

const causeReasons: Record<FieldError['type'], string> = {
  'Required value': 'FieldValueRequired',
  'Invalid value': 'FieldValueInvalid',
  Forbidden: 'FieldValueForbidden',
  'Unsupported value': 'FieldValueNotSupported',
};

function fieldMessage(error: FieldError): string {
  const value = error.value === undefined ? '' : ` ${JSON.stringify(error.value)}`;
  return `${error.type}${value}: ${error.detail}`;
}

/** 422 `Namespace "X" is invalid: metadata.name: Invalid value: …`. */
export function invalid(
  kind: string,
  group: string,
  name: string,
  errors: readonly FieldError[],
): KubeStatusError {
  const texts = errors.map((error) => `${error.field}: ${fieldMessage(error)}`);
  const joined = texts.length === 1 ? (texts[0] ?? '') : `[${texts.join(', ')}]`;
  return failure(422, 'Invalid', `${kind} "${name}" is invalid: ${joined}`, {
    name,
    ...(group ? {group} : {}),
    kind,
    causes: errors.map((error) => ({
      reason: causeReasons[error.type],
      message: fieldMessage(error),
      field: error.field,
    })),
  });
}

/** 400 BadRequest. */
export function badRequest(message: string): KubeStatusError {
  return failure(400, 'BadRequest', message);
}

/** 401 Unauthorized. */
export function unauthorized(): KubeStatusError {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

/** 405 MethodNotAllowed. */
export function methodNotAllowed(): KubeStatusError {
  return failure(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );
}

/** 415 UnsupportedMediaType. */
export function unsupportedMediaType(accepted: readonly string[]): KubeStatusError {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    {},
  );
}

/** 410 Expired: a watch asked for history the server no longer keeps. */
export function gone(requested: number, oldest: number): KubeStatusError {
  return failure(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}

/** 500 InternalError. */
export function internalError(message: string): KubeStatusError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{reason: 'UnexpectedServerResponse', message, field: ''}],
  });
}
