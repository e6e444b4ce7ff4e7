import path from 'node:path';
import {defaultStateDir, profilePaths, type ProfilePaths} from '../state/paths.js';

/** The root of all profiles: `--state-dir`, else `MKE_RUNBOOK_HOME`, else `~/.mke-runbook`. */
export function resolveStateDir(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return path.resolve(flag ?? defaultStateDir(env));
}

/** A profile's paths (the name is checked there). */
export function pathsOf(stateDir: string, profile: string): ProfilePaths {
  return profilePaths(stateDir, profile);
}
