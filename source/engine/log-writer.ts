import {createWriteStream, mkdirSync, openSync} from 'node:fs';
import path from 'node:path';
import {once} from 'node:events';

/** One attempt's log file, written as output arrives. */
export type LogWriter = {
  /** Appends lines (already redacted); resolves when the file is ready for more. */
  readonly write: (
    lines: readonly string[],
    stream: 'stdout' | 'stderr' | 'info',
  ) => void | Promise<void>;
  /** Resolves once everything written so far is in the file. */
  readonly flush: () => Promise<void>;
  readonly close: () => Promise<void>;
};

/** Opens (appends to) a log file. */
export async function openLog(file: string): Promise<LogWriter> {
  // Opened synchronously (well under a millisecond): between the person's key and the
  // command starting, nothing yields to the interface, whose next frame can wait (~30 ms).
  mkdirSync(path.dirname(file), {recursive: true});
  const fd = openSync(file, 'a', 0o600);
  // A pipe hands over 64 KiB at a time: with the default 16 KiB buffer every chunk would
  // pause the child until the disk caught up. 1 MiB keeps the flow going, still bounded.
  const stream = createWriteStream(file, {fd, highWaterMark: 1 << 20});
  let draining: Promise<void> | undefined;
  return {
    write(lines, kind) {
      if (lines.length === 0) {
        return draining;
      }

      const prefix = kind === 'info' ? '» ' : '';
      const text = prefix ? lines.map((line) => prefix + line).join('\n') : lines.join('\n');
      // Back-pressure: when the OS buffer is full, the caller waits for 'drain'.
      if (!stream.write(text + '\n') && !draining) {
        draining = once(stream, 'drain').then(() => {
          draining = undefined;
        });
      }

      return draining;
    },
    async flush() {
      if (stream.writableLength === 0) return;
      // Writes complete in order: the callback of an empty one comes after all before it.
      await new Promise<void>((resolve, reject) => {
        stream.write('', (error) => {
          if (error) reject(error);
          else resolve();
        });
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        stream.end(resolve);
      });
    },
  };
}
