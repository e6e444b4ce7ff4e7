import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, rmSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A fixture runbook of the CLI tests. */
export const fixture = (name: string): string =>
  path.join(root, 'test/fixtures/cli', `${name}.yaml`);

/** A temporary directory, removed by `cleanup`. */
export async function tempDir(
  prefix: string,
): Promise<{readonly dir: string; readonly cleanup: () => Promise<void>}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `mke-runbook-${prefix}-`));
  return {dir, cleanup: async () => rm(dir, {recursive: true, force: true})};
}

/** The environment the CLI runs in for tests: no colour, no user home, no state dir from outside. */
export function testEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env, HOME: home, NO_COLOR: '1', LANG: 'C', ...extra};
  delete env['MKE_RUNBOOK_HOME'];
  delete env['FORCE_COLOR'];
  return env;
}

/** A started CLI process with its output collected. */
export type CliChild = {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exit: Promise<{readonly code: number | null; readonly signal: NodeJS.Signals | null}>;
};

// The CLI is bundled once per test process, the way scripts/build.mjs does it: tsx compiles
// every module on every start (seconds on a busy machine), a bundle starts in a fraction.
// Inside the repository so the bundle finds package.json by walking up, as dist/ does.
let bundled: Promise<string> | undefined;
async function bundle(): Promise<string> {
  const {build} = await import('esbuild');
  const outdir = path.join(root, 'node_modules/.cache/mke-runbook-cli-test', `${process.pid}`);
  mkdirSync(outdir, {recursive: true});
  process.on('exit', () => rmSync(outdir, {recursive: true, force: true}));
  await build({
    entryPoints: {cli: path.join(root, 'source/cli.ts')},
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    external: ['node-pty'],
    define: {'process.env.NODE_ENV': '"production"'},
    alias: {'react-devtools-core': path.join(root, 'scripts/devtools-stub.mjs')},
    banner: {
      js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return path.join(outdir, 'cli.js');
}

/** Starts the CLI (bundled; `how: 'tsx'` for source/cli.ts under tsx) with argument arrays, no shell. */
export async function startCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  how: 'bundle' | 'tsx' = 'bundle',
): Promise<CliChild> {
  bundled ??= bundle();
  const entry =
    how === 'tsx' ? ['--import', 'tsx', path.join(root, 'source/cli.ts')] : [await bundled];
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exit = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
    child.on('close', (code, signal) => resolve({code, signal}));
  });
  return {child, stdout: () => out, stderr: () => err, exit};
}

/** Runs the CLI to the end. */
export async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  how: 'bundle' | 'tsx' = 'bundle',
): Promise<{readonly code: number | null; readonly stdout: string; readonly stderr: string}> {
  const started = await startCli(args, env, how);
  const {code} = await started.exit;
  return {code, stdout: started.stdout(), stderr: started.stderr()};
}

/** Polls until `condition` holds (no fixed sleeps); fails after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
