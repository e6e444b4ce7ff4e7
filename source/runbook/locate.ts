import {isMap, isScalar, type Document, type LineCounter} from 'yaml';

/** A path inside a runbook file, as zod and the loader see it. */
export type DataPath = readonly (string | number)[];

/** `steps[3].run[0].action` for `['steps', 3, 'run', 0, 'action']`. */
export function formatPath(path: DataPath): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`))
    .join('');
}

/** Finds line numbers of paths in a parsed YAML document. */
export type Locator = {
  /** The line of the value at `path` (or of its nearest parent that exists). */
  readonly line: (path: DataPath) => number;
  /** The line of the key `key` inside the mapping at `path`. */
  readonly keyLine: (path: DataPath, key: string) => number;
};

/** A locator over one document. */
export function createLocator(document: Document, lineCounter: LineCounter): Locator {
  const lineOf = (offset: number | undefined): number =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;

  const line = (path: DataPath): number => {
    for (let length = path.length; length >= 0; length--) {
      const node: unknown = document.getIn(path.slice(0, length), true);
      if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
        const start: unknown = node.range[0];
        return lineOf(typeof start === 'number' ? start : undefined);
      }
    }

    return 1;
  };

  const keyLine = (path: DataPath, key: string): number => {
    const map: unknown = path.length === 0 ? document.contents : document.getIn(path, true);
    if (isMap(map)) {
      for (const pair of map.items) {
        if (isScalar(pair.key) && pair.key.value === key) {
          return lineOf(pair.key.range?.[0]);
        }
      }
    }

    return line(path);
  };

  return {line, keyLine};
}
