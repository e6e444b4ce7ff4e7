import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

// What the pseudo-terminal tests run: the bundled CLI, and the environment of a person's
// terminal around it.

/** The repository's root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const built = ['cli.js', 'lab-server.js', 'lab-bin/vagrant', 'lab-bin/launchpad', 'lab-bin/helm'];

function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true, recursive: true})) {
    if (entry.isFile()) {
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }

  return newest;
}

/**
 * `npm test` builds dist/ first, and the tests run that. Run alone with dist/ missing or older
 * than the sources, a test builds its own copy (inside the repository, so the bundle finds
 * package.json and the runbooks as dist/ does) and leaves dist/ to whoever else uses it.
 */
export function builtCli(name: string): {readonly dir: string; readonly own: boolean} {
  const fresh =
    built.every((file) => existsSync(path.join(dist, file))) &&
    statSync(path.join(dist, 'cli.js')).mtimeMs >= newestUnder(path.join(root, 'source'));
  if (fresh) return {dir: dist, own: false};
  const dir = path.join(root, 'node_modules/.cache', name, String(process.pid));
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'scripts/build.mjs'), '--outdir', dir],
    {cwd: root, encoding: 'utf8'},
  );
  assert.equal(result.status, 0, `the build failed:\n${result.stdout}${result.stderr}`);
  return {dir, own: true};
}

/** This process's environment for the CLI: Ink live (CI unset), plain colours, its own HOME, the lab at full speed. */
export function terminalEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Ink prints no live frames under CI=true; colour and home come from the test.
    if (value === undefined || ['CI', 'FORCE_COLOR', 'MKE_RUNBOOK_HOME'].includes(key)) continue;
    env[key] = value;
  }

  return {...env, TERM: 'xterm-256color', HOME: home, LANG: 'C', MKE_RUNBOOK_LAB_SPEED: '0'};
}
