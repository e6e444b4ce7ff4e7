import {createHash} from 'node:crypto';
import {mkdir, readFile, readdir, rename, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {LoadOptions} from './load.js';
import type {Runbook} from './types.js';

// Parsing and validating the shipped runbook costs ≈0.3–1 s (yaml's parser on 66 kB, zod,
// every template of every asset); reading it back as JSON costs under 1 ms. A cached runbook
// is used only when everything validation read is byte for byte the same: the runbook's text,
// every file of its assets/ directory, the file's path and display name, and the build of this
// program (a rebuilt bundle is a new build). Anything else — a miss, a damaged entry, an
// unwritable directory — loads the file the slow way, which stays the only validator.

const formatVersion = 1;
// A runbook whose assets/ is bigger than this is not cached (hashing it would not pay).
const maxAssetFiles = 200;
const maxAssetBytes = 4_000_000;

type Entry = {
  readonly format: number;
  readonly key: string;
  readonly assets: string;
  readonly digest: string;
  readonly runbook: Runbook;
};

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// The digest proves the runbook is what this program wrote after validating it.
function isEntry(value: unknown, key: string): value is Entry {
  return (
    isRecord(value) &&
    value['format'] === formatVersion &&
    value['key'] === key &&
    typeof value['assets'] === 'string' &&
    typeof value['digest'] === 'string' &&
    isRecord(value['runbook']) &&
    sha256(JSON.stringify(value['runbook'])) === value['digest']
  );
}

/** The identity of the running build, or undefined from source (code changes without a build). */
export async function bundleIdentity(version: string): Promise<string | undefined> {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return undefined;
  return stat(here).then(
    (info) => `${version}:${info.size}:${info.mtimeMs}`,
    () => undefined,
  );
}

async function assetsDigest(assetsDir: string): Promise<string | undefined> {
  const names = await readdir(assetsDir, {recursive: true}).catch(() => [] as string[]);
  if (names.length > maxAssetFiles) return undefined;
  const hash = createHash('sha256');
  let bytes = 0;
  for (const name of names.sort()) {
    const content = await readFile(path.join(assetsDir, name)).catch(() => undefined);
    if (content === undefined) continue; // a directory
    bytes += content.length;
    if (bytes > maxAssetBytes) return undefined;
    hash.update(`${name}\0${sha256(content)}\0`);
  }

  return hash.digest('hex');
}

/** Where and for which build the cache lives; no build means no cache. */
export type CacheOptions = {
  readonly cacheDir: string;
  readonly build: string | undefined;
};

/**
 * Loads a runbook like `loadRunbook`, through a cache of validated runbooks; a changed file,
 * asset or build is loaded and validated afresh. A custom registry is never cached.
 */
export async function loadRunbookCached(
  file: string,
  options: LoadOptions & CacheOptions,
): Promise<Runbook> {
  const {loadRunbook} = await import('./load.js');
  if (options.build === undefined || options.registry !== undefined)
    return loadRunbook(file, options);
  const absolute = path.resolve(file);
  const text = await readFile(absolute, 'utf8').catch(() => undefined);
  if (text === undefined) return loadRunbook(file, options);
  const displayRoot = options.displayRoot ?? process.cwd();
  const key = sha256(
    JSON.stringify([formatVersion, options.build, absolute, displayRoot, sha256(text)]),
  );
  const entryFile = path.join(options.cacheDir, `${key}.json`);
  const assetsDir = path.resolve(path.dirname(absolute), '..', 'assets');
  const [assets, cached] = await Promise.all([
    assetsDigest(assetsDir),
    readFile(entryFile, 'utf8').then(
      (json): unknown => JSON.parse(json),
      () => undefined,
    ),
  ]);
  if (assets !== undefined && isEntry(cached, key) && cached.assets === assets)
    return cached.runbook;

  const runbook = await loadRunbook(file, options);
  if (assets === undefined) return runbook;
  const json = JSON.stringify(runbook);
  const head = JSON.stringify({format: formatVersion, key, assets, digest: sha256(json)});
  const entry = `${head.slice(0, -1)},"runbook":${json}}`;
  // Written aside and renamed, so a reader never sees half an entry; a failure costs only speed.
  const scratch = `${entryFile}.${process.pid}.tmp`;
  await mkdir(options.cacheDir, {recursive: true})
    .then(async () => writeFile(scratch, entry, {mode: 0o600}))
    .then(async () => rename(scratch, entryFile))
    .catch(() => undefined);
  return runbook;
}
