import {createTwoFilesPatch} from 'diff';

/** A `diff -u` of two texts, as the article shows values.yaml.orig → values.yaml (no `Index:`/`===` header). */
export function unifiedDiff(
  oldName: string,
  newName: string,
  oldText: string,
  newText: string,
): string {
  const patch = createTwoFilesPatch(oldName, newName, oldText, newText, undefined, undefined, {
    context: 3,
  });
  // jsdiff starts with a `====…` line that `diff -u` does not print.
  return patch.replace(/^=+\n/, '');
}
