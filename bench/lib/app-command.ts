import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));

/**
 * The program and arguments `npm start` runs (node, its flags, the bundled CLI), read from
 * package.json so a benchmark measures what a person starts, flags included.
 */
export function appCommand(): {readonly file: string; readonly args: readonly string[]} {
  const manifest: unknown = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const start = (manifest as {scripts: {start: string}}).scripts.start;
  const last = start.split('&&').at(-1)!.trim().split(/\s+/);
  if (last[0] !== 'node')
    throw new Error(`the start script does not end in a node command: ${start}`);
  return {
    file: process.execPath,
    args: last.slice(1).map((arg) => (arg.endsWith('.js') ? path.join(root, arg) : arg)),
  };
}
