import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import {isDeepStrictEqual} from 'node:util';
import Conf from 'conf';
import {stateSchemaVersion, type ProfileState} from './types.js';
import {parseState} from './parse.js';
import type {ProfilePaths} from './paths.js';
import {wordedError} from '../engine/errors.js';
import {stateWords} from './state-words.js';

/** A profile's state: read once, then every change written atomically (conf + rename). */
export type StateStore = {
  readonly get: () => ProfileState;
  /** Applies a change and writes it before returning. */
  readonly update: (change: (state: ProfileState) => ProfileState) => ProfileState;
};

/** Opens (or creates) the state of a profile. */
export function openStateStore(options: {
  readonly paths: ProfilePaths;
  readonly runbookId: string;
  readonly target: 'real' | 'simulated';
  readonly now?: () => Date;
}): StateStore {
  const {paths} = options;
  const now = options.now ?? (() => new Date());
  let text: string | undefined;
  try {
    text = readFileSync(paths.stateFile, 'utf8');
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) {
      throw error;
    }
  }

  const initial =
    text === undefined
      ? fresh(options.runbookId, options.target, now())
      : parseState(text, paths.stateFile, paths.backupFile);
  if (initial.runbookId !== options.runbookId) {
    const recorded = initial.runbookId;
    throw wordedError('state-mismatch', (lang) =>
      stateWords(lang).otherRunbook(paths.stateFile, recorded, options.runbookId),
    );
  }

  // conf writes through `atomically` (temp file + rename); `cwd` keeps it in the profile dir.
  const conf = new Conf<Record<string, unknown>>({
    cwd: paths.profileDir,
    configName: 'state',
    clearInvalidConfig: false,
    serialize: (value) => JSON.stringify(value, undefined, 2) + '\n',
  });
  let current = initial;
  const save = (state: ProfileState): void => {
    conf.store = {...state};
    backup(paths.backupFile, state);
  };

  if (text === undefined) {
    save(current);
  }

  return {
    get: () => current,
    update(change) {
      const changed = change(current);
      // A change that changes nothing is not written: a refused or read-only run leaves the
      // file as it was, byte for byte.
      if (isDeepStrictEqual(changed, current)) {
        return current;
      }

      const next = {...changed, updatedAt: now().toISOString()};
      save(next);
      current = next;
      return next;
    },
  };
}

function fresh(runbookId: string, target: 'real' | 'simulated', at: Date): ProfileState {
  return {
    schemaVersion: stateSchemaVersion,
    runbookId,
    params: {},
    steps: {},
    branches: {},
    target,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  };
}

function backup(file: string, state: ProfileState): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(state, undefined, 2) + '\n');
  renameSync(temporary, file);
}
