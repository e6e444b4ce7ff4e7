import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {existsSync} from 'node:fs';
import {copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadRunbookCached} from '../../source/runbook/cache.js';
import {loadRunbook, RunbookLoadError} from '../../source/runbook/load.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Setup = {
  readonly dir: string;
  readonly file: string;
  readonly cacheDir: string;
  readonly cleanup: () => Promise<void>;
};

async function setup(): Promise<Setup> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mke-runbook-cache-'));
  await mkdir(path.join(dir, 'runbooks'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'assets', 'note.txt'), 'one\n');
  const file = path.join(dir, 'runbooks', 'walk.yaml');
  await copyFile(path.join(root, 'test/fixtures/cli/walk.yaml'), file);
  const cacheDir = path.join(dir, 'state', 'cache');
  return {dir, file, cacheDir, cleanup: async () => rm(dir, {recursive: true, force: true})};
}

// `build` is given as a property: an explicit undefined (from source) must stay undefined.
const load = async (s: Setup, options: {readonly build: string | undefined} = {build: 'build-1'}) =>
  loadRunbookCached(s.file, {displayRoot: s.dir, cacheDir: s.cacheDir, build: options.build});

// Rewrites the one cache entry with another title (and a matching digest), so a load that
// returns that title provably came from the cache.
async function markEntry(s: Setup, title: string): Promise<void> {
  const [name] = await readdir(s.cacheDir);
  assert.ok(name);
  const entryFile = path.join(s.cacheDir, name);
  const entry: unknown = JSON.parse(await readFile(entryFile, 'utf8'));
  assert.ok(entry !== null && typeof entry === 'object' && 'runbook' in entry);
  const runbook = {...Object(entry.runbook), title: {en: title, ja: title}};
  const digest = createHash('sha256').update(JSON.stringify(runbook)).digest('hex');
  await writeFile(entryFile, JSON.stringify({...entry, runbook, digest}));
}

test('a cached runbook is exactly the runbook a fresh load validates', async () => {
  const s = await setup();
  try {
    const fresh = await loadRunbook(s.file, {displayRoot: s.dir});
    assert.deepEqual(await load(s), fresh);
    assert.deepEqual(await load(s), fresh);
    assert.equal((await readdir(s.cacheDir)).length, 1);
  } finally {
    await s.cleanup();
  }
});

const changes: ReadonlyArray<{
  readonly name: string;
  readonly change: (s: Setup) => Promise<void>;
  readonly build?: string;
  readonly cached: boolean;
}> = [
  {name: 'nothing changed', change: async () => undefined, cached: true},
  {
    name: 'the runbook text changed',
    change: async (s) => writeFile(s.file, `${await readFile(s.file, 'utf8')}\n# edited\n`),
    cached: false,
  },
  {
    name: 'a file in assets/ changed',
    change: async (s) => writeFile(path.join(s.dir, 'assets', 'note.txt'), 'two\n'),
    cached: false,
  },
  {
    name: 'a file was added to assets/',
    change: async (s) => writeFile(path.join(s.dir, 'assets', 'new.txt'), 'new\n'),
    cached: false,
  },
  {name: 'the program was rebuilt', change: async () => undefined, build: 'build-2', cached: false},
];

for (const {name, change, build, cached} of changes) {
  test(`uses the cache only when nothing validation read changed: ${name}`, async () => {
    const s = await setup();
    try {
      await load(s);
      await markEntry(s, 'from the cache');
      await change(s);
      const title = (await load(s, {build: build ?? 'build-1'})).title.en;
      assert.equal(title, cached ? 'from the cache' : 'CLI walk');
    } finally {
      await s.cleanup();
    }
  });
}

test('a damaged cache entry is ignored and replaced by a fresh load', async () => {
  const s = await setup();
  try {
    await load(s);
    const [name = ''] = await readdir(s.cacheDir);
    const entryFile = path.join(s.cacheDir, name);
    const text = await readFile(entryFile, 'utf8');
    await writeFile(entryFile, text.replace('CLI walk', 'CLI tampered'));
    assert.equal((await load(s)).title.en, 'CLI walk');
    assert.equal(await readFile(entryFile, 'utf8'), text);
  } finally {
    await s.cleanup();
  }
});

test('from source (no build identity) nothing is cached, and an invalid runbook is never cached', async () => {
  const s = await setup();
  try {
    await load(s, {build: undefined});
    assert.equal(existsSync(s.cacheDir), false);
    await writeFile(s.file, 'id: broken\nversion: 1\nsteps: 7\n');
    await assert.rejects(load(s), RunbookLoadError);
    assert.equal(existsSync(s.cacheDir), false);
  } finally {
    await s.cleanup();
  }
});
