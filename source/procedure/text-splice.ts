/** A replacement of the text between two offsets of the original. */
export type Splice = {readonly start: number; readonly end: number; readonly text: string};

/** Applies non-overlapping splices to the original text (in any order given). */
export function applySplices(original: string, splices: readonly Splice[]): string {
  let result = original;
  for (const splice of [...splices].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, splice.start) + splice.text + result.slice(splice.end);
  }

  return result;
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the end of the line holding `offset` (after its newline). */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** Finds, between two offsets, the first line matching `pattern` (anchored per line); returns its bounds and match. */
export function findLine(
  text: string,
  from: number,
  to: number,
  pattern: RegExp,
): {readonly start: number; readonly end: number; readonly match: RegExpExecArray} | undefined {
  let start = lineStart(text, from);
  while (start < to) {
    const end = lineEnd(text, start);
    const match = pattern.exec(text.slice(start, end).replace(/\r?\n$/, ''));
    if (match) return {start, end, match};
    if (end === start) break;
    start = end;
  }

  return undefined;
}
