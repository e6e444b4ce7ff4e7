import {randomBytes} from 'node:crypto';
import {rename, rm, writeFile} from 'node:fs/promises';

/** Writes a file so readers see the old or the new content, never half of it (temp + rename). */
export async function writeFileAtomic(file: string, content: string, mode = 0o600): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, {mode});
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, {force: true});
    throw error;
  }
}
