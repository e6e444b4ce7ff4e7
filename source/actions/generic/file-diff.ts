import {createTwoFilesPatch} from 'diff';

/** A `diff -u` of a file as it is against what will be written; undefined when nothing changes. */
export function fileDiff(
  file: string,
  current: string | undefined,
  next: string,
): string | undefined {
  if (current === undefined || current === next) {
    return undefined;
  }

  const patch = createTwoFilesPatch(file, file, current, next, 'current', 'new');
  // jsdiff opens with `Index:` and `====` lines that `diff -u` does not print.
  return patch.slice(patch.indexOf('--- '));
}
