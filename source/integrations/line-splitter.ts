/** Splits text chunks into complete lines, carrying a partial line across chunks. */
export type LineSplitter = {
  /** The complete lines in this chunk (the unfinished tail is kept for the next). */
  readonly push: (chunk: string) => string[];
  /** The last unfinished line, if any (call at the end of the stream). */
  readonly flush: () => string[];
};

/** A splitter for one stream; `\r\n` and `\n` end lines. */
export function createLineSplitter(): LineSplitter {
  let partial = '';
  return {
    push(chunk) {
      const text = partial + chunk;
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      // A flood is mostly `\n`-only: skip the per-line pass (and its copy) when it can.
      return text.includes('\r')
        ? lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
        : lines;
    },
    flush() {
      const rest = partial;
      partial = '';
      return rest === '' ? [] : [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
    },
  };
}

/** A bounded ring of the most recent lines. */
export type LineRing = {
  readonly push: (lines: readonly string[]) => void;
  readonly lines: () => string[];
};

/** Keeps at most `size` lines, whatever is pushed. */
export function createLineRing(size: number): LineRing {
  let kept: string[] = [];
  return {
    push(lines) {
      if (lines.length >= size) {
        kept = lines.slice(-size);
        return;
      }

      kept.push(...lines);
      if (kept.length > size * 2) {
        kept = kept.slice(-size);
      }
    },
    lines: () => kept.slice(-size),
  };
}
