import path from 'node:path';
import {langFromEnvironment, type Lang} from '../i18n/text.js';
import {wordedError} from '../engine/errors.js';
import {cliWords} from './cli-words.js';
import {bundleIdentity, loadRunbookCached} from '../runbook/cache.js';
import type {Runbook} from '../runbook/types.js';
import type {ProfilePaths} from '../state/paths.js';
import type {ProfileState} from '../state/types.js';
import type {CommonOptions} from './args.js';
import {defaultRunbookPath, packageInfo} from './package-root.js';
import {pathsOf, resolveStateDir} from './state-dir.js';
import {createPaint, colorWanted, type Paint} from '../report/paint.js';

/** The process's streams and environment, injected so tests and the entry differ only here. */
export type CliIo = {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
};

/** What every profile command starts from. */
export type ProfileContext = {
  readonly stateDir: string;
  readonly paths: ProfilePaths;
  readonly lang: Lang;
  readonly paint: Paint;
};

/** State directory, profile paths, language and colour for a command. */
export function profileContext(common: CommonOptions, io: CliIo): ProfileContext {
  const stateDir = resolveStateDir(
    common.stateDir === undefined ? undefined : path.resolve(io.cwd, common.stateDir),
    io.env,
  );
  return {
    stateDir,
    paths: pathsOf(stateDir, common.profile),
    lang: common.lang ?? langFromEnvironment(io.env),
    paint: createPaint(colorWanted(io.stdout, io.env)),
  };
}

/** Loads the named runbook, or the default one, through the validated-runbook cache of the state dir. */
export async function loadNamedRunbook(
  name: string | undefined,
  io: CliIo,
  stateDir: string,
): Promise<Runbook> {
  return loadRunbookCached(name === undefined ? defaultRunbookPath() : path.resolve(io.cwd, name), {
    displayRoot: io.cwd,
    cacheDir: path.join(stateDir, 'cache', 'runbooks'),
    build: await bundleIdentity(packageInfo().version),
  });
}

/** Refuses to mix a profile's progress with a different runbook. */
export function checkSameRunbook(
  runbook: Runbook,
  state: ProfileState | undefined,
  profile: string,
): void {
  if (state === undefined || state.runbookId === runbook.id) return;
  const recorded = state.runbookId;
  throw wordedError('usage', (lang) => cliWords(lang).otherRunbook(profile, recorded, runbook.id));
}
