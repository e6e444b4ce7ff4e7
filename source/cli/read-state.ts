import {readFile} from 'node:fs/promises';
import {parseState} from '../state/parse.js';
import type {ProfilePaths} from '../state/paths.js';
import type {ProfileState} from '../state/types.js';

/**
 * Reads a profile's state without taking its lock, so `status`, `log` and `export` work
 * while a run is going. Safe because every write replaces the file atomically (rename).
 * Undefined when nothing was recorded yet.
 */
export async function readProfileState(paths: ProfilePaths): Promise<ProfileState | undefined> {
  let text: string;
  try {
    text = await readFile(paths.stateFile, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }

  return parseState(text, paths.stateFile, paths.backupFile);
}
