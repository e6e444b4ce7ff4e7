// Colour for the plain reporter and the tables. Colour is an aid only: every status also
// has its own word or mark, so NO_COLOR output loses nothing.

/** Functions that colour text, or leave it alone when colour is off. */
export type Paint = {
  readonly enabled: boolean;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
};

/** Whether to colour a stream: never with NO_COLOR (https://no-color.org), FORCE_COLOR decides next, else only a TTY. */
export function colorWanted(
  stream: {readonly isTTY?: boolean},
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

const wrap =
  (enabled: boolean, open: number, close: number) =>
  (text: string): string =>
    enabled ? `\u001B[${open}m${text}\u001B[${close}m` : text;

/** A paint that colours when `enabled`. */
export function createPaint(enabled: boolean): Paint {
  return {
    enabled,
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
    red: wrap(enabled, 31, 39),
    green: wrap(enabled, 32, 39),
    yellow: wrap(enabled, 33, 39),
    cyan: wrap(enabled, 36, 39),
  };
}
