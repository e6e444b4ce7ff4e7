import {readFile} from 'node:fs/promises';
import type {Target} from '../engine/events.js';
import type {Lang} from '../i18n/text.js';
import type {ProfilePaths} from '../state/paths.js';
import type {RunOptions} from './args.js';
import type {CliIo} from './context.js';

// The first frame names the target (REAL or SIMULATED), so it is decided before the frame —
// without zod: a profile's state file is read for its `target` by hand here. Anything
// unexpected in the file hands over to the real parser (read-state.ts), which knows backups,
// migrations and damage; it is slower, but right.

type Recorded = {readonly target: Target; readonly bound: boolean};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The recorded target of a state file's text; undefined when the text is not the plain case. */
export function peekRecorded(text: string): Recorded | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }

  if (!isRecord(data) || data['schemaVersion'] !== 1 || !isRecord(data['steps'])) return undefined;
  const target = data['target'];
  if (target !== 'real' && target !== 'simulated') return undefined;
  const statuses = Object.values(data['steps']).map((step) =>
    isRecord(step) ? step['status'] : undefined,
  );
  if (statuses.some((status) => typeof status !== 'string')) return undefined;
  return {target, bound: statuses.some((status) => status !== 'pending')};
}

async function recordedOf(
  paths: ProfilePaths,
  profile: string,
): Promise<{readonly target: Target; readonly profile: string} | undefined> {
  let text: string | undefined;
  try {
    text = await readFile(paths.stateFile, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
  }

  const peeked = text === undefined ? undefined : peekRecorded(text);
  if (peeked) return peeked.bound ? {target: peeked.target, profile} : undefined;
  const [{readProfileState}, {recordedTarget}] = await Promise.all([
    import('./read-state.js'),
    import('./commands/run-prepare.js'),
  ]);
  return recordedTarget(await readProfileState(paths), profile);
}

/** The run's target, decided the way `run` decides it (target.ts), fast in the plain cases. */
export async function bootTarget(
  run: RunOptions,
  paths: ProfilePaths,
  profile: string,
  io: CliIo,
  lang: Lang = 'en',
): Promise<Target> {
  const recorded = await recordedOf(paths, profile);
  // Asked for, with nothing recorded against it: no need to load the target chooser.
  if (run.target !== 'auto' && recorded === undefined) return run.target;
  const {chooseTarget} = await import('./target.js');
  const note = (line: string): void => {
    io.stderr.write(`${line}\n`);
  };

  return chooseTarget(run.target, io.env, note, recorded, lang);
}
