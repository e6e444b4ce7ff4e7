import {randomBytes} from 'node:crypto';
import {mkdir, open, readFile, rename, rm, stat, unlink} from 'node:fs/promises';
import path from 'node:path';
import type {FilesPort} from './ports.js';

/** The real FilesPort: writes go to a temp file in the same directory, synced, then renamed. */
export function createFilesPort(): FilesPort {
  return {
    async readText(file) {
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        if (isNotFound(error)) {
          return undefined;
        }

        throw error;
      }
    },
    writeText: writeAtomic,
    async remove(file) {
      await rm(file, {force: true});
    },
    async exists(file) {
      try {
        await stat(file);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Writes a file atomically: a reader sees the old content or the new, never half. */
export async function writeAtomic(file: string, content: string, mode?: number): Promise<void> {
  await mkdir(path.dirname(file), {recursive: true});
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w', mode ?? 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    if (mode !== undefined) {
      // The mode given to open() is filtered by the umask; the caller asked for this one.
      await handle.chmod(mode);
    }

    await handle.sync();
  } finally {
    await handle.close();
  }

  try {
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
