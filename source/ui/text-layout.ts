import stringWidth from 'string-width';

// Terminal cells, not string length: a Japanese character takes two cells.

const printableAscii = /^[\x20-\x7e]*$/;

/** Whether every character is printable ASCII (one cell each, nothing to measure). */
export function isPrintableAscii(text: string): boolean {
  return printableAscii.test(text);
}

/** Cuts `text` to at most `width` cells (ending in … when cut). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  // Most output is printable ASCII: one cell per character, no need to measure graphemes.
  if (printableAscii.test(text))
    return text.length <= width ? text : text.slice(0, width - 1) + '…';
  return stringWidth(text) <= width ? text : cut(text, width - 1) + '…';
}

/** Cuts `text` to at most `width` cells, with no mark (a pane's edge, like `less -S`). */
export function cut(text: string, width: number): string {
  if (width <= 0) return '';
  if (printableAscii.test(text)) return text.slice(0, width);
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = stringWidth(char);
    if (used + w > width) break;
    out += char;
    used += w;
  }

  return out;
}

/** Cuts or pads `text` to exactly `width` cells. */
export function fit(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/** Pads `text` on the left to `width` cells. */
export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

/** Wraps text into rows of at most `width` cells, breaking at spaces or beside Japanese characters when it can, anywhere when it must. */
export function wrapText(text: string, width: number): string[] {
  const rows: string[] = [];
  for (const paragraph of text.split('\n')) {
    let row: string[] = [];
    let used = 0;
    for (const char of paragraph) {
      const w = stringWidth(char);
      if (used + w > width && row.length > 0) {
        const at = lastBreak([...row, char]);
        const keep = at === undefined ? row : row.slice(0, at.index);
        if (char !== ' ' && at !== undefined && stringWidth(keep.join('')) >= width / 3) {
          rows.push(keep.join('').trimEnd());
          row = row.slice(at.index + (at.drop ? 1 : 0));
        } else {
          rows.push(row.join('').trimEnd());
          row = [];
        }

        if (char === ' ' && row.length === 0) {
          used = 0;
          continue;
        }

        used = stringWidth(row.join(''));
      }

      row.push(char);
      used += w;
    }

    rows.push(row.join('').trimEnd());
  }

  return rows;
}

// Japanese may break between characters, except before closing punctuation and small kana,
// and after an opening bracket.
const noBreakBefore = new Set(
  Array.from('、。，．・：；？！）」』】〕〉》ーぁぃぅぇぉっゃゅょァィゥェォッャュョ…,.:;!?)]}'),
);

const noBreakAfter = new Set(Array.from('（「『【〔〈《([{'));

/** Where a row (and the character that did not fit) may break last: at a space (dropped) or beside a wide character. */
function lastBreak(row: readonly string[]): {index: number; drop: boolean} | undefined {
  for (let index = row.length - 1; index > 0; index--) {
    const char = row[index]!;
    if (char === ' ') return {index, drop: true};
    const before = row[index - 1]!;
    const wideHere = stringWidth(char) === 2;
    const wideBefore = stringWidth(before) === 2;
    if (
      (wideHere || wideBefore) &&
      before !== ' ' &&
      !noBreakBefore.has(char) &&
      !noBreakAfter.has(before)
    )
      return {index, drop: false};
  }

  return undefined;
}

/** "12s", "3m 05s", "1h 02m". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return seconds % 60 === 0
      ? `${minutes}m`
      : `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  }

  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** "0:07", "12:30", "1:02:03" for clocks. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
