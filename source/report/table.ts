import stringWidth from 'string-width';

/** Pads `text` to `width` terminal columns (CJK counts double). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/**
 * A plain text table: a header, a rule, then rows; columns two spaces apart, the last one
 * unpadded so lines carry no trailing blanks. Cells may hold colour codes (string-width ignores them).
 */
export function renderTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string[] {
  const widths = headers.map((header, column) =>
    Math.max(stringWidth(header), ...rows.map((row) => stringWidth(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : padEnd(cell, widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  // The last column is unpadded and can be a long command; a rule that long would wrap into
  // lines of dashes on any terminal.
  const rule = widths
    .map((width, column) => '─'.repeat(column === widths.length - 1 ? Math.min(width, 60) : width))
    .join('  ');
  return [line(headers), rule, ...rows.map((row) => line(headers.map((_, c) => row[c] ?? '')))];
}
