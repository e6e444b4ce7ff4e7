// managedFields bookkeeping and server-side apply (field ownership, conflicts, `force`),
// a simplified take on sigs.k8s.io/structured-merge-diff that keeps its observable behaviour.
import {z} from 'zod';
import type {LabObject} from '../types.js';
import {
  describePath,
  fieldPathsOf,
  fromFieldsV1,
  pathKey,
  removeAt,
  toFieldsV1,
  valueAt,
  type FieldPath,
} from './field-paths.js';
import {clone, isRecord, jsonEqual} from './json.js';
import {mergeKeyFor} from './patch.js';
import {failure} from './status.js';
import {timestamp} from './store.js';

type Entry = {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly apiVersion: string;
  readonly paths: FieldPath[];
};

const entrySchema = z.object({
  manager: z.string(),
  operation: z.enum(['Apply', 'Update']),
  apiVersion: z.string().default(''),
  fieldsV1: z.unknown(),
});

function readEntries(object: LabObject | undefined): Entry[] {
  return (object?.metadata.managedFields ?? []).flatMap((raw) => {
    const parsed = entrySchema.safeParse(raw);
    return parsed.success ? [{...parsed.data, paths: fromFieldsV1(parsed.data.fieldsV1)}] : [];
  });
}

function writeEntries(object: LabObject, entries: readonly Entry[]): void {
  object.metadata.managedFields = entries
    .filter((entry) => entry.paths.length > 0)
    .map((entry) => ({
      manager: entry.manager,
      operation: entry.operation,
      apiVersion: entry.apiVersion,
      time: timestamp(),
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(entry.paths),
    }));
}

function without(paths: readonly FieldPath[], drop: ReadonlySet<string>): FieldPath[] {
  return paths.filter((path) => !drop.has(pathKey(path)));
}

/** Records that `manager` wrote `next` over `old` with a create/update/patch. */
export function recordUpdate(
  old: LabObject | undefined,
  next: LabObject,
  manager: string,
  apiVersion: string,
): void {
  const entries = readEntries(old);
  const before = new Map((old ? fieldPathsOf(old) : []).map((path) => [pathKey(path), path]));
  const after = fieldPathsOf(next);
  const afterKeys = new Set(after.map((path) => pathKey(path)));
  const changed = after.filter(
    (path) => !before.has(pathKey(path)) || !jsonEqual(valueAt(old, path), valueAt(next, path)),
  );
  const touched = new Set([
    ...changed.map((path) => pathKey(path)),
    ...[...before.keys()].filter((key) => !afterKeys.has(key)),
  ]);
  const others = entries
    .filter((entry) => !(entry.manager === manager && entry.operation === 'Update'))
    .map((entry) => ({...entry, paths: without(entry.paths, touched)}));
  const own = entries.find((entry) => entry.manager === manager && entry.operation === 'Update');
  const ownPaths = [...without(own?.paths ?? [], touched), ...changed].filter((path) =>
    afterKeys.has(pathKey(path)),
  );
  writeEntries(next, [...others, {manager, operation: 'Update', apiVersion, paths: ownPaths}]);
}

/** Merges an applied configuration into the live object: keyed lists by key, other lists replaced. */
export function applyMerge(live: unknown, config: unknown, field = ''): unknown {
  if (isRecord(config)) {
    const result = isRecord(live) ? clone(live) : {};
    for (const [key, value] of Object.entries(config))
      result[key] = applyMerge(result[key], value, key);
    return result;
  }

  if (Array.isArray(config)) {
    const key = mergeKeyFor(field, config);
    if (!key || !Array.isArray(live)) return clone(config);
    return config.map((item) => {
      const existing = isRecord(item)
        ? live.find((candidate) => isRecord(candidate) && jsonEqual(candidate[key], item[key]))
        : undefined;
      return applyMerge(existing, item);
    });
  }

  return clone(config);
}

/** Server-side apply: `config` applied by `manager` over `live` (undefined when creating). Throws 409 on conflicts unless `force`. */
export function serverSideApply(
  live: LabObject | undefined,
  config: LabObject,
  manager: string,
  force: boolean,
  apiVersion: string,
): LabObject {
  const entries = readEntries(live);
  const applied = fieldPathsOf(config);
  const appliedKeys = new Set(applied.map((path) => pathKey(path)));
  const conflicts = new Map<string, FieldPath[]>();
  const lost = new Set<string>();
  for (const entry of entries) {
    if (entry.manager === manager) continue;
    for (const path of entry.paths) {
      // Owning a keyed list item (`k:` path) conflicts with nobody: only its fields can.
      if (
        !appliedKeys.has(pathKey(path)) ||
        path.at(-1)?.startsWith('k:') ||
        jsonEqual(valueAt(live, path), valueAt(config, path))
      ) {
        continue;
      }

      lost.add(pathKey(path));
      conflicts.set(entry.manager, [...(conflicts.get(entry.manager) ?? []), path]);
    }
  }

  if (conflicts.size > 0 && !force) throw conflictStatus(conflicts, apiVersion);
  const previous = entries.find(
    (entry) => entry.manager === manager && entry.operation === 'Apply',
  );
  const ownedByOthers = new Set(
    entries
      .filter((entry) => entry.manager !== manager)
      .flatMap((entry) => entry.paths.map((path) => pathKey(path))),
  );
  const base = clone(
    live ?? {
      apiVersion: config.apiVersion,
      kind: config.kind,
      metadata: {name: config.metadata.name},
    },
  );
  for (const path of previous?.paths ?? []) {
    if (!appliedKeys.has(pathKey(path)) && !ownedByOthers.has(pathKey(path))) removeAt(base, path);
  }

  const {managedFields: _ignored, ...configMetadata} = config.metadata;
  const merged = applyMerge(base, {...config, metadata: configMetadata});
  if (!isRecord(merged) || !isRecord(merged['metadata']))
    throw failure(500, 'InternalError', 'apply produced no object');
  const result: LabObject = {
    ...base,
    ...merged,
    metadata: {...base.metadata, ...merged['metadata'], name: base.metadata.name},
  };
  const others = entries
    .filter((entry) => entry.manager !== manager || entry.operation !== 'Apply')
    .map((entry) =>
      entry.manager === manager ? entry : {...entry, paths: without(entry.paths, lost)},
    );
  writeEntries(result, [...others, {manager, operation: 'Apply', apiVersion, paths: applied}]);
  return result;
}

function conflictStatus(conflicts: ReadonlyMap<string, FieldPath[]>, apiVersion: string) {
  const total = [...conflicts.values()].reduce((sum, paths) => sum + paths.length, 0);
  const causes = [...conflicts].flatMap(([manager, paths]) =>
    paths.map((path) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with "${manager}" using ${apiVersion}`,
      field: describePath(path),
    })),
  );
  const lines =
    total === 1
      ? `conflict with "${[...conflicts.keys()][0]}" using ${apiVersion}: ${causes[0]?.field ?? ''}`
      : [...conflicts]
          .map(
            ([manager, paths]) =>
              `conflicts with "${manager}" using ${apiVersion}:\n${paths.map((path) => `- ${describePath(path)}`).join('\n')}`,
          )
          .join('\n');
  return failure(
    409,
    'Conflict',
    `Apply failed with ${total} conflict${total === 1 ? '' : 's'}: ${lines}`,
    {causes},
  );
}
