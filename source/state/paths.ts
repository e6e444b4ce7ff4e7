import os from 'node:os';
import path from 'node:path';
import {wordedError} from '../engine/errors.js';
import {stateWords} from './state-words.js';

/** Where a profile keeps its state, work files and logs. */
export type ProfilePaths = {
  readonly profileDir: string;
  readonly workdir: string;
  readonly logDir: string;
  readonly stateFile: string;
  readonly backupFile: string;
  readonly lockFile: string;
};

/** The root of all profiles: `MKE_RUNBOOK_HOME`, else `~/.mke-runbook`. */
export function defaultStateDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = os.homedir(),
): string {
  // An empty HOME would put the state in whatever directory the command ran from.
  return env['MKE_RUNBOOK_HOME'] || path.join(home || os.userInfo().homedir, '.mke-runbook');
}

/** The paths of one profile; the name must be a plain word (it becomes a directory). */
export function profilePaths(stateDir: string, profile: string): ProfilePaths {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(profile) || profile.includes('..')) {
    throw wordedError('usage', (lang) => stateWords(lang).badProfile(profile));
  }

  const profileDir = path.resolve(stateDir, 'profiles', profile);
  return {
    profileDir,
    workdir: path.join(profileDir, 'work'),
    logDir: path.join(profileDir, 'logs'),
    stateFile: path.join(profileDir, 'state.json'),
    backupFile: path.join(profileDir, 'state.json.bak'),
    lockFile: path.join(profileDir, 'lock'),
  };
}
