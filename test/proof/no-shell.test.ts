import assert from 'node:assert/strict';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

// Issue 6 #12: nothing in source/ may hand a command line to a shell. The lint config bans
// the same patterns; this test keeps the rule even if someone turns the lint rule off.

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, {withFileTypes: true});
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return /\.tsx?$/.test(entry.name) ? [full] : [];
    }),
  );
  return nested.flat();
}

const forbidden: ReadonlyArray<{readonly name: string; readonly pattern: RegExp}> = [
  {name: 'shell: true', pattern: /(^|[{,])\s*shell\s*:\s*(true|['"`])/},
  {name: 'execaCommand', pattern: /\bexecaCommand(Sync)?\b/},
  {name: 'child_process exec', pattern: /\bexec(Sync)?\s*\(\s*[`'"]/},
  {name: 'a template-string command', pattern: /\b(execa|spawn|execFile)(Sync)?\s*\(\s*`/},
  {name: 'the $ template tag of execa', pattern: /\$`[^`]*`/},
  {
    name: 'a shell binary as the program',
    pattern: /\b(execa|spawn|execFile)(Sync)?\s*\(\s*['"](\/bin\/)?(ba|z|da)?sh['"]/,
  },
];

test('no module in source/ runs a command through a shell or from a command string', async () => {
  const offenders: string[] = [];
  for (const file of await sourceFiles(path.join(root, 'source'))) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    for (const [index, line] of lines.entries()) {
      for (const rule of forbidden) {
        if (rule.pattern.test(line))
          offenders.push(`${path.relative(root, file)}:${index + 1} ${rule.name}: ${line.trim()}`);
      }
    }
  }

  assert.deepEqual(offenders, []);
});

test('the shell patterns are recognised when present (the scan can fail)', () => {
  const samples = [
    '  shell: true,',
    "execa('ls', [], {shell: true})",
    'execaCommand(`ls ${dir}`)',
    'spawn(`rm -rf ${x}`)',
    "spawn('/bin/sh', ['-c', cmd])",
    'exec("ls")',
  ];
  for (const sample of samples) {
    assert.ok(
      forbidden.some((rule) => rule.pattern.test(sample)),
      `not caught: ${sample}`,
    );
  }
});
