import stripAnsi from 'strip-ansi';

// GitLab's job trace folds sections with markers such as
// `section_start:1633572866:prepare_executor\r\x1b[0K`; they carry no words of the error.
const sectionMarker = /section_(?:start|end):\d+:[\w.-]+(?:\[[^\]\r\n]*\])?\r?(?:\u001B\[0K)?/g;

/** Splits tool output into plain lines: GitLab section markers and ANSI codes removed, CRs dropped, blank lines skipped. */
export function cleanLines(text: string): string[] {
  const plain = stripAnsi(text.replaceAll(sectionMarker, ''));
  return plain
    .split('\n')
    .map((line) => line.replaceAll('\r', '').trimEnd())
    .filter((line) => line.trim() !== '');
}
