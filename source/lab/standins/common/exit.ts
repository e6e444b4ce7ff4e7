/** Ends a stand-in with an exit status, after printing `lines` to stderr (or stdout). */
export class StandinExit extends Error {
  readonly code: number;
  readonly lines: readonly string[];
  readonly stream: 'stdout' | 'stderr';

  constructor(code: number, lines: readonly string[], stream: 'stdout' | 'stderr' = 'stderr') {
    super(lines.join('\n'));
    this.name = 'StandinExit';
    this.code = code;
    this.lines = lines;
    this.stream = stream;
  }
}
