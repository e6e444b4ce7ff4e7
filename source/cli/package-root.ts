import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

// Hand-written rather than zod: `--help` and `--version` should not load zod's 750 kB.
function readPackage(file: string): {readonly name: string; readonly version: string} | undefined {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (data === null || typeof data !== 'object') return undefined;
  const name = 'name' in data ? data.name : undefined;
  const version = 'version' in data ? data.version : undefined;
  return typeof name === 'string' && typeof version === 'string' ? {name, version} : undefined;
}

// Walks up from this module: it is source/cli/ under tsx, dist/ or dist/chunks/ in the
// bundle, so a fixed number of `..` would be wrong in one of them.
function findRoot(from: string): string {
  let directory = from;
  for (;;) {
    const candidate = path.join(directory, 'package.json');
    if (existsSync(candidate) && readPackage(candidate)?.name === 'mke-runbook') return directory;

    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`mke-runbook's package.json not found above ${from}`);
    directory = parent;
  }
}

let cached: {readonly root: string; readonly version: string} | undefined;

/** The package's root directory and version, found from this module's location. */
export function packageInfo(): {readonly root: string; readonly version: string} {
  if (cached) return cached;
  const root = findRoot(path.dirname(fileURLToPath(import.meta.url)));
  const version = readPackage(path.join(root, 'package.json'))?.version ?? '0.0.0';
  cached = {root, version};
  return cached;
}

/** The runbook `run` uses when none is named. */
export function defaultRunbookPath(): string {
  return path.join(packageInfo().root, 'runbooks', 'mke-gitlab-runner.yaml');
}
