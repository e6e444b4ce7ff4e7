// Turns a request body into the object the API works on: kind and version checked, the
// namespace taken from the URL (400 when the body names another).
import type {LabObject} from '../types.js';
import {clone, isRecord} from './json.js';
import {apiVersionOf, type ResourceInfo} from './resources.js';
import {badRequest} from './status.js';
import {parseLabObject} from './store-snapshot.js';

function parseBody(body: unknown): LabObject {
  return clone(parseLabObject(body));
}

// JSON `null` is Go's zero value (kubectl run sends `creationTimestamp: null`): as if absent.
function withoutNulls(metadata: unknown): Record<string, unknown> {
  if (!isRecord(metadata)) return {};
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== null));
}

/** Decodes `body` as an object of `info` in `namespace`; throws a 400 Status when it is not one. */
export function decodeObject(
  info: ResourceInfo,
  body: unknown,
  namespace: string | undefined,
): LabObject {
  let object: LabObject;
  try {
    object = parseBody(
      isRecord(body)
        ? {
            apiVersion: apiVersionOf(info),
            kind: info.kind,
            ...body,
            metadata: {name: '', ...withoutNulls(body['metadata'])},
          }
        : body,
    );
  } catch {
    throw badRequest(`the body of the request is not a valid ${info.kind}`);
  }

  if (object.apiVersion !== apiVersionOf(info) || object.kind !== info.kind) {
    throw badRequest(
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersionOf(info)})`,
    );
  }

  object.metadata.name ??= '';
  if (info.namespaced) {
    if (object.metadata.namespace && object.metadata.namespace !== namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }

    if (namespace) object.metadata.namespace = namespace;
  } else {
    delete object.metadata.namespace;
  }

  return object;
}
