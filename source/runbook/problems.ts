import {formatPath, type DataPath, type Locator} from './locate.js';

/** Collects load problems as `file:line path: message` lines. */
export type Problems = {
  readonly add: (path: DataPath, message: string) => void;
  /** A problem with a key (unknown key): points at the key's own line. */
  readonly addKey: (path: DataPath, key: string, message: string) => void;
  readonly list: () => readonly string[];
  readonly line: (path: DataPath) => number;
};

/** A collector for one file; `display` is the file name as messages show it. */
export function createProblems(display: string, locator: Locator): Problems {
  const found: {line: number; text: string}[] = [];
  const add = (line: number, path: DataPath, message: string): void => {
    const where = path.length > 0 ? ` ${formatPath(path)}:` : '';
    found.push({line, text: `${display}:${line}${where} ${message}`});
  };

  return {
    add: (path, message) => add(locator.line(path), path, message),
    addKey: (path, key, message) => add(locator.keyLine(path, key), [...path, key], message),
    list: () => found.toSorted((a, b) => a.line - b.line).map((problem) => problem.text),
    line: (path) => locator.line(path),
  };
}
