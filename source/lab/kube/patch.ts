// JSON merge patch (RFC 7386), Kubernetes strategic merge patch (lists merged by key where
// Kubernetes' types say so) and JSON patch (RFC 6902).
import {clone, isRecord, jsonEqual, type JsonRecord} from './json.js';
import {badRequest, failure} from './status.js';

/** The merge key of the lists Kubernetes merges by key (`patchMergeKey` in its Go types). */
export function mergeKeyFor(field: string, items: readonly unknown[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets': {
      return 'name';
    }

    case 'volumeMounts': {
      return 'mountPath';
    }

    case 'volumeDevices': {
      return 'devicePath';
    }

    case 'ports': {
      return items.some((item) => isRecord(item) && 'containerPort' in item)
        ? 'containerPort'
        : 'port';
    }

    case 'ownerReferences': {
      return 'uid';
    }

    case 'conditions': {
      return 'type';
    }

    case 'hostAliases': {
      return 'ip';
    }

    default: {
      return undefined;
    }
  }
}

// Lists of strings Kubernetes merges as sets.
const primitiveMergeLists = new Set(['finalizers']);

/** RFC 7386: objects merge, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return clone(patch);
  const result: JsonRecord = isRecord(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }

  return result;
}

function strategicList(field: string, target: unknown, patch: readonly unknown[]): unknown[] {
  const current = Array.isArray(target) ? target : [];
  if (primitiveMergeLists.has(field) && patch.every((item) => typeof item === 'string')) {
    return [...current, ...patch.filter((item) => !current.includes(item))];
  }

  const key = mergeKeyFor(field, [...current, ...patch]);
  if (!key) return patch.filter((item) => !(isRecord(item) && item['$patch'] !== undefined));
  if (patch.some((item) => isRecord(item) && item['$patch'] === 'replace')) {
    return patch.filter((item) => !(isRecord(item) && item['$patch'] === 'replace'));
  }

  const result = [...current];
  for (const item of patch) {
    if (!isRecord(item)) continue;
    const index = result.findIndex(
      (existing) => isRecord(existing) && jsonEqual(existing[key], item[key]),
    );
    if (item['$patch'] === 'delete') {
      if (index !== -1) result.splice(index, 1);
    } else if (index === -1) {
      result.push(strategicMerge(undefined, item));
    } else {
      result[index] = strategicMerge(result[index], item);
    }
  }

  return result;
}

/** Kubernetes strategic merge patch, with the directives kubectl sends. */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return clone(patch);
  if (patch['$patch'] === 'replace') {
    const {$patch: _directive, ...rest} = patch;
    return clone(rest);
  }

  if (patch['$patch'] === 'delete') return undefined;
  let result: JsonRecord = isRecord(target) ? clone(target) : {};
  const retain = patch['$retainKeys'];
  if (Array.isArray(retain)) {
    result = Object.fromEntries(Object.entries(result).filter(([key]) => retain.includes(key)));
  }

  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const list = result[field];
      if (Array.isArray(list) && Array.isArray(value)) {
        result[field] = list.filter((item) => !value.includes(item));
      }

      continue;
    }

    if (value === null) delete result[key];
    else if (Array.isArray(value)) result[key] = strategicList(key, result[key], value);
    else {
      const merged = strategicMerge(result[key], value);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    }
  }

  return result;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw badRequest(
      `the server rejected our request due to an error in our request: invalid JSON pointer "${path}"`,
    );
  return path
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function parentOf(document: unknown, parts: readonly string[]): {parent: unknown; key: string} {
  let current = document;
  for (const part of parts.slice(0, -1)) {
    current = Array.isArray(current)
      ? current[Number(part)]
      : isRecord(current)
        ? current[part]
        : undefined;
    if (current === undefined) throw unprocessable(`doc is missing path: "/${parts.join('/')}"`);
  }

  return {parent: current, key: parts.at(-1) ?? ''};
}

function unprocessable(message: string) {
  return failure(422, 'Invalid', message);
}

function read(document: unknown, path: string): unknown {
  const parts = pointer(path);
  if (parts.length === 0) return document;
  const {parent, key} = parentOf(document, parts);
  const value = Array.isArray(parent)
    ? parent[Number(key)]
    : isRecord(parent)
      ? parent[key]
      : undefined;
  if (value === undefined) throw unprocessable(`doc is missing path: "${path}"`);
  return clone(value);
}

function write(
  document: unknown,
  path: string,
  value: unknown,
  mode: 'add' | 'replace' | 'remove',
): unknown {
  const parts = pointer(path);
  if (parts.length === 0) return mode === 'remove' ? null : clone(value);
  const {parent, key} = parentOf(document, parts);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) {
      throw unprocessable(`invalid index "${key}" at "${path}"`);
    }

    if (mode === 'add') parent.splice(index, 0, clone(value));
    else if (index >= parent.length) throw unprocessable(`doc is missing path: "${path}"`);
    else if (mode === 'replace') parent[index] = clone(value);
    else parent.splice(index, 1);
  } else if (isRecord(parent)) {
    if (mode !== 'add' && !Object.hasOwn(parent, key))
      throw unprocessable(`doc is missing path: "${path}"`);
    if (mode === 'remove') delete parent[key];
    else parent[key] = clone(value);
  } else {
    throw unprocessable(`doc is missing path: "${path}"`);
  }

  return document;
}

/** RFC 6902 JSON patch. */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) {
    throw badRequest('the server rejected our request due to an error in our request');
  }

  let document = clone(target);
  for (const operation of operations) {
    if (!isRecord(operation) || typeof operation['path'] !== 'string') {
      throw badRequest('the server rejected our request due to an error in our request');
    }

    const path = operation['path'];
    const from = typeof operation['from'] === 'string' ? operation['from'] : '';
    switch (operation['op']) {
      case 'add':
      case 'replace':
      case 'remove': {
        document = write(document, path, operation['value'], operation['op']);
        break;
      }

      case 'move': {
        const value = read(document, from);
        document = write(write(document, from, undefined, 'remove'), path, value, 'add');
        break;
      }

      case 'copy': {
        document = write(document, path, read(document, from), 'add');
        break;
      }

      case 'test': {
        if (!jsonEqual(read(document, path), operation['value'])) {
          throw unprocessable(`testing value ${path} failed`);
        }

        break;
      }

      default: {
        throw badRequest(`Unexpected kind: ${String(operation['op'])}`);
      }
    }
  }

  return document;
}
