// Field paths as server-side apply tracks them (`f:spec`, `k:{"name":"build"}`), and the
// `fieldsV1` trie managedFields store them in.
import {isRecord, jsonEqual, type JsonRecord} from './json.js';
import {mergeKeyFor} from './patch.js';

/** One owned field: a list of `f:`/`k:` segments. */
export type FieldPath = readonly string[];

// Fields the server owns, never a manager.
const ignoredMetadata = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
]);

function walk(value: unknown, prefix: string[], field: string, out: FieldPath[]): void {
  if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value))
      walk(child, [...prefix, `f:${key}`], key, out);
    return;
  }

  if (Array.isArray(value) && value.length > 0) {
    const key = mergeKeyFor(field, value);
    if (key && value.every((item) => isRecord(item) && item[key] !== undefined)) {
      for (const item of value) {
        if (!isRecord(item)) continue;
        const itemPath = [...prefix, `k:${JSON.stringify({[key]: item[key]})}`];
        out.push(itemPath);
        for (const [childKey, child] of Object.entries(item)) {
          walk(child, [...itemPath, `f:${childKey}`], childKey, out);
        }
      }

      return;
    }
  }

  out.push(prefix);
}

/** Every leaf field path of an object (status and server-owned metadata left out). */
export function fieldPathsOf(object: JsonRecord, includeStatus = false): FieldPath[] {
  const out: FieldPath[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || (key === 'status' && !includeStatus)) continue;
    if (key === 'metadata' && isRecord(value)) {
      for (const [metaKey, metaValue] of Object.entries(value)) {
        if (!ignoredMetadata.has(metaKey))
          walk(metaValue, ['f:metadata', `f:${metaKey}`], metaKey, out);
      }

      continue;
    }

    walk(value, [`f:${key}`], key, out);
  }

  return out;
}

/** The value at a field path, or undefined. */
export function valueAt(object: unknown, path: FieldPath): unknown {
  let current = object;
  for (const segment of path) {
    if (segment.startsWith('f:')) {
      current = isRecord(current) ? current[segment.slice(2)] : undefined;
    } else {
      const wanted: unknown = JSON.parse(segment.slice(2));
      const [[key, keyValue] = ['', undefined]] = isRecord(wanted) ? Object.entries(wanted) : [];
      current = Array.isArray(current)
        ? current.find((item) => isRecord(item) && jsonEqual(item[key], keyValue))
        : undefined;
    }

    if (current === undefined) return undefined;
  }

  return current;
}

/** Removes the field at a path (a whole list item for a `k:` path). */
export function removeAt(object: unknown, path: FieldPath): void {
  const parent = valueAt(object, path.slice(0, -1));
  const last = path.at(-1) ?? '';
  if (last.startsWith('f:') && isRecord(parent)) {
    delete parent[last.slice(2)];
  } else if (last.startsWith('k:') && Array.isArray(parent)) {
    const item = valueAt(object, path);
    const index = parent.indexOf(item);
    if (index !== -1) parent.splice(index, 1);
  }
}

/** Path sets as `fieldsV1`. */
export function toFieldsV1(paths: readonly FieldPath[]): JsonRecord {
  const root: JsonRecord = {};
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      const next = isRecord(node[segment]) ? node[segment] : {};
      node[segment] = next;
      node = next;
    }

    if (path.at(-1)?.startsWith('k:')) node['.'] = {};
  }

  return root;
}

/** `fieldsV1` back to path sets. */
export function fromFieldsV1(trie: unknown, prefix: string[] = []): FieldPath[] {
  if (!isRecord(trie)) return [];
  const entries = Object.entries(trie).filter(([key]) => key !== '.');
  if (entries.length === 0 || Object.hasOwn(trie, '.')) {
    if (prefix.length > 0)
      return [prefix, ...entries.flatMap(([key, child]) => fromFieldsV1(child, [...prefix, key]))];
  }

  return entries.flatMap(([key, child]) => fromFieldsV1(child, [...prefix, key]));
}

/** A path as a display string: `.spec.replicas`, `.spec.containers[name="build"].image`. */
export function describePath(path: FieldPath): string {
  return path
    .map((segment) => {
      if (segment.startsWith('f:')) return `.${segment.slice(2)}`;
      const wanted: unknown = JSON.parse(segment.slice(2));
      const [[key, value] = ['', '']] = isRecord(wanted) ? Object.entries(wanted) : [];
      return `[${key}=${JSON.stringify(value)}]`;
    })
    .join('');
}

/** Stable string form of a path, for sets. */
export function pathKey(path: FieldPath): string {
  return path.join('\u0000');
}
