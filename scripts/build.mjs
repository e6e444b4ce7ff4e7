// Bundles the CLI, the lab server and the lab's stand-in executables into dist/.
// One bundle per entry (with shared chunks) so start-up reads a few files, not thousands:
// see ../shared/reference/perf-notes.md ("Start-up").
import {chmod, mkdir, readFile, rm, writeFile} from 'node:fs/promises';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// `--outdir DIR` builds elsewhere (a benchmark beside someone else's build); default dist/.
const outdirFlag = process.argv.indexOf('--outdir');
const dist =
  outdirFlag === -1
    ? path.join(root, 'dist')
    : path.resolve(process.argv[outdirFlag + 1] ?? 'dist');

/** Entries: output name → source file. Stand-ins become executables in dist/lab-bin/. */
const entries = {
  cli: 'source/cli.ts',
  'lab-server': 'source/lab/server-main.ts',
  'process-worker': 'source/integrations/process-worker.ts',
  'lab-bin/vagrant': 'source/lab/bin/vagrant.ts',
  'lab-bin/launchpad': 'source/lab/bin/launchpad.ts',
  'lab-bin/helm': 'source/lab/bin/helm.ts',
};

const present = Object.fromEntries(
  Object.entries(entries).filter(([, file]) => existsSync(path.join(root, file))),
);

await rm(dist, {recursive: true, force: true});
await mkdir(dist, {recursive: true});

// yoga-layout (Ink's layout engine) loads its wasm, embedded as a data: URI, through `fetch`
// when `fetch` exists — and on Node 20 the first `fetch` loads undici, ≈170 ms of CPU before
// the first frame (measured with --cpu-prof). The same loader decodes the base64 itself
// where there is no `fetch`; the bundle takes that path. Fails loudly if yoga changes.
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(pluginBuild) {
    pluginBuild.onLoad(
      {filter: /yoga-layout[/\\]dist[/\\]binaries[/\\]yoga-wasm-base64-esm\.js$/},
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        const asyncFetch = 'function ya(){return w||"function"!=typeof fetch?';
        if (!source.includes(asyncFetch))
          throw new Error(`${args.path}: yoga's wasm loader changed; revisit yogaWithoutFetch`);
        return {contents: source.replace(asyncFetch, 'function ya(){return true?'), loader: 'js'};
      },
    );
  },
};

// `--metafile FILE` writes esbuild's metafile, to see what each chunk pulls in.
const metafileFlag = process.argv.indexOf('--metafile');
const result = await build({
  metafile: metafileFlag !== -1,
  entryPoints: present,
  absWorkingDir: root,
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: {'.js': '.js'},
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'none',
  external: ['node-pty'],
  plugins: [yogaWithoutFetch],
  define: {'process.env.NODE_ENV': '"production"'},
  // Ink imports react-devtools-core only when DEV is set; the bundle must not pull it in.
  alias: {'react-devtools-core': path.join(root, 'scripts/devtools-stub.mjs')},
  banner: {
    js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);",
  },
});

if (metafileFlag !== -1 && result.metafile) {
  await writeFile(
    path.resolve(process.argv[metafileFlag + 1] ?? 'meta.json'),
    JSON.stringify(result.metafile),
  );
}

// Stand-ins must be runnable by name from PATH, without a shell: a node shebang and +x.
for (const name of Object.keys(present)) {
  if (!name.startsWith('lab-bin/')) continue;
  const built = path.join(dist, `${name}.js`);
  const target = path.join(dist, name);
  const body = await readFile(built, 'utf8');
  await writeFile(target, `#!/usr/bin/env node\n${body.replace(/^#!.*\n/, '')}`);
  await chmod(target, 0o755);
  await rm(built);
}

// The installed command runs node as `npm start` does (package.json): a young generation of
// 2 MB semi-spaces keeps memory flat through a flood of output (README, Performance).
const cli = path.join(dist, 'cli.js');
if (existsSync(cli)) {
  const body = await readFile(cli, 'utf8');
  await writeFile(
    cli,
    `#!/usr/bin/env -S node --max-semi-space-size=2\n${body.replace(/^#!.*\n/, '')}`,
  );
  await chmod(cli, 0o755);
}
