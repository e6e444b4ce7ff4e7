// GitLab Runner's job-log formatting (common/build_logger.go, helpers/build_section.go): lines
// carry ANSI codes and sections are bracketed by `section_start`/`section_end` markers.

const clear = '\u001B[0K';
const reset = '\u001B[0;m';
const boldCyan = '\u001B[36;1m';
const boldGreen = '\u001B[32;1m';
const boldRed = '\u001B[31;1m';
const yellow = '\u001B[0;33m';

function unix(date = new Date()): number {
  return Math.floor(date.getTime() / 1000);
}

/** A plain trace line. */
export function println(text: string): string {
  return `${clear}${text}${reset}\n`;
}

/** A green line, as the runner prints "Job succeeded" and echoed commands. */
export function infoln(text: string): string {
  return `${boldGreen}${text}${reset}\n`;
}

/** A yellow warning line. */
export function warningln(text: string): string {
  return `${yellow}WARNING: ${text}${reset}\n`;
}

/** A bold red error line. */
export function errorln(text: string): string {
  return `${boldRed}ERROR: ${text}${reset}\n`;
}

/** Opens a collapsible section with its cyan header. */
export function sectionStart(name: string, header: string, date?: Date): string {
  return `section_start:${unix(date)}:${name}\r${clear}${println(`${boldCyan}${header}${reset}`)}`;
}

/** Closes a section. */
export function sectionEnd(name: string, date?: Date): string {
  return `section_end:${unix(date)}:${name}\r${clear}`;
}

/** A trace with its markers and colours removed, as a person reads it. */
export function plainTrace(trace: string): string {
  return trace
    .replaceAll(/section_(?:start|end):\d+:[^\r\n]*\r/g, '')
    .replaceAll(/\u001B\[[\d;]*[A-Za-z]/g, '');
}
