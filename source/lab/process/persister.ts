import {saveLab, serialiseLab, type SavedLab} from './world-file.js';
import {writeFileAtomic} from './atomic-write.js';

/** Saves the lab shortly after changes, at most once per `delayMs`, and only when it differs. */
export type Persister = {
  readonly schedule: () => void;
  /** Writes now if anything is pending (or always when `force`). */
  readonly flush: (force?: boolean) => Promise<void>;
};

/** A debounced, atomic writer of world.json. */
export function createPersister(file: string, read: () => SavedLab, delayMs = 100): Persister {
  let timer: NodeJS.Timeout | undefined;
  let lastWritten = '';
  let writing: Promise<void> = Promise.resolve();

  const write = async () => {
    const text = serialiseLab(read());
    if (text === lastWritten) return;
    lastWritten = text;
    await writeFileAtomic(file, text);
  };

  const flush = async (force = false) => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    // Chained so two writes never race for the rename.
    writing = writing.then(force ? async () => saveLab(file, read()) : write, write);
    await writing;
  };

  return {
    schedule() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void flush();
      }, delayMs);
    },
    flush,
  };
}
