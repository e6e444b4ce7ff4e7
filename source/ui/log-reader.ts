import {open, type FileHandle} from 'node:fs/promises';
import stripAnsi from 'strip-ansi';

// Logs can be 100 MB: the reader keeps only where each line starts (8 bytes a line) and
// reads the bytes of the lines on screen, never the whole file.

/** A read-only window onto a growing log file. */
export type LogReader = {
  readonly lineCount: () => number;
  /** Indexes bytes appended since the last call. */
  readonly refresh: () => Promise<void>;
  /** Lines `[start, start + count)`, ANSI removed. */
  readonly readLines: (start: number, count: number) => Promise<readonly string[]>;
  /** The next line (from `from`, in `direction`) containing `query`, case-insensitive. */
  readonly find: (query: string, from: number, direction: 1 | -1) => Promise<number | undefined>;
  readonly close: () => Promise<void>;
};

const chunkBytes = 1024 * 1024;
const searchBlock = 2000;

/** Opens a log file for paging and searching. */
export async function openLogReader(path: string): Promise<LogReader> {
  const handle: FileHandle = await open(path, 'r');
  let starts = new Float64Array(1024);
  let lines = 0; // Complete lines, plus a last partial line once the file does not end in \n.
  let indexedBytes = 0;
  let size = 0;
  starts[0] = 0;

  const addStart = (offset: number) => {
    if (lines + 1 >= starts.length) {
      const bigger = new Float64Array(starts.length * 2);
      bigger.set(starts);
      starts = bigger;
    }

    starts[lines + 1] = offset;
    lines++;
  };

  const buffer = Buffer.alloc(chunkBytes);
  const refresh = async () => {
    size = (await handle.stat()).size;
    while (indexedBytes < size) {
      const {bytesRead} = await handle.read(buffer, 0, chunkBytes, indexedBytes);
      if (bytesRead === 0) break;
      for (let index = buffer.indexOf(10, 0); index !== -1 && index < bytesRead;) {
        addStart(indexedBytes + index + 1);
        index = buffer.indexOf(10, index + 1);
      }

      indexedBytes += bytesRead;
    }
  };

  // A trailing line without its newline yet still deserves to be shown.
  const lineCount = () => (size > (starts[lines] ?? 0) ? lines + 1 : lines);

  const readLines = async (start: number, count: number) => {
    const first = Math.max(0, Math.min(start, lineCount()));
    const last = Math.min(lineCount(), first + count);
    if (last <= first) return [];
    const from = starts[first] ?? 0;
    const to = last <= lines ? (starts[last] ?? size) : size;
    const length = Math.min(to - from, 16 * chunkBytes);
    const bytes = Buffer.alloc(length);
    await handle.read(bytes, 0, length, from);
    const text = bytes.toString('utf8').replace(/\n$/, '');
    return text.split('\n').map((line) => stripAnsi(line.replace(/\r$/, '')));
  };

  const find = async (query: string, from: number, direction: 1 | -1) => {
    const needle = query.toLowerCase();
    if (needle === '') return undefined;
    const total = lineCount();
    for (
      let block = from;
      direction === 1 ? block < total : block >= 0;
      block += direction * searchBlock
    ) {
      const start = direction === 1 ? block : Math.max(0, block - searchBlock + 1);
      const end = direction === 1 ? Math.min(total, block + searchBlock) : block + 1;
      const chunk = await readLines(start, end - start);
      const order = chunk.map((_, index) => index);
      if (direction === -1) order.reverse();
      for (const index of order) {
        if (chunk[index]?.toLowerCase().includes(needle)) return start + index;
      }
    }

    return undefined;
  };

  await refresh();
  return {lineCount, refresh, readLines, find, close: async () => handle.close()};
}
