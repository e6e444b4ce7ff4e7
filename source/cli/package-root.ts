import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {z} from 'zod';

const packageSchema = z.looseObject({name: z.string(), version: z.string()});

// Walks up from this module: it is source/cli/ under tsx, dist/ or dist/chunks/ in the
// bundle, so a fixed number of `..` would be wrong in one of them.
function findRoot(from: string): string {
  let directory = from;
  for (;;) {
    const candidate = path.join(directory, 'package.json');
    if (existsSync(candidate)) {
      const parsed = packageSchema.safeParse(JSON.parse(readFileSync(candidate, 'utf8')));
      if (parsed.success && parsed.data.name === 'mke-runbook') return directory;
    }

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
  const {version} = packageSchema.parse(
    JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')),
  );
  cached = {root, version};
  return cached;
}

/** The runbook `run` uses when none is named. */
export function defaultRunbookPath(): string {
  return path.join(packageInfo().root, 'runbooks', 'mke-gitlab-runner.yaml');
}
