import {existsSync} from 'node:fs';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

// The app runs either bundled (dist/cli.js and chunks in dist/chunks/) or from source
// through tsx (source/lab/process/locate.ts). This finds the lab server and the stand-ins
// for both, from where this module itself lives.

const here = path.dirname(fileURLToPath(import.meta.url));

/** The stand-in executables. */
export const standinNames = ['vagrant', 'launchpad', 'helm'] as const;

/** How to start the lab server, and where the stand-ins are. */
export type LabProgram = {
  readonly args: readonly string[];
  /** Set when running from source: wrappers must be written into this directory. */
  readonly fromSource: boolean;
  readonly distBinDir?: string;
  readonly root: string;
};

/** Finds the lab server: the bundle's dist/lab-server.js, else the TypeScript source. */
export function locateLabProgram(env: NodeJS.ProcessEnv = process.env): LabProgram {
  // A bundled server given explicitly (tests measure start-up on the bundle, not on tsx).
  const given = env['MKE_RUNBOOK_LAB_SERVER'];
  if (given) {
    const root = path.resolve(here, '..', '..', '..');
    return {args: [given], fromSource: true, root};
  }

  for (const dir of [here, path.dirname(here)]) {
    const server = path.join(dir, 'lab-server.js');
    if (existsSync(server)) {
      return {
        args: [server],
        fromSource: false,
        distBinDir: path.join(dir, 'lab-bin'),
        root: path.dirname(dir),
      };
    }
  }

  const root = path.resolve(here, '..', '..', '..');
  return {
    args: ['--import', tsxLoaderUrl(root), path.join(root, 'source/lab/server-main.ts')],
    fromSource: true,
    root,
  };
}

function tsxLoaderUrl(root: string): string {
  return pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
}

/** Writes node wrappers that run the stand-ins from source (tsx), one per tool, executable. */
export async function writeSourceWrappers(root: string, binDir: string): Promise<void> {
  await mkdir(binDir, {recursive: true});
  const api = pathToFileURL(path.join(root, 'node_modules/tsx/dist/esm/api/index.mjs')).href;
  for (const name of standinNames) {
    const entry = pathToFileURL(path.join(root, 'source/lab/bin', `${name}.ts`)).href;
    const body = [
      '#!/usr/bin/env node',
      `import {register} from ${JSON.stringify(api)};`,
      'register();',
      `await import(${JSON.stringify(entry)});`,
      '',
    ].join('\n');
    await writeFile(path.join(binDir, name), body, {mode: 0o755});
  }
}
