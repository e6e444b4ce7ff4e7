import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {loadRunbook, RunbookLoadError} from '../../source/runbook/load.js';
import {tempDir} from '../engine/helpers.js';

const head = `id: x
version: 1
title: {en: X, ja: X}
summary: {en: X, ja: X}
params:
  - id: namespace
    type: string
    label: {en: NS, ja: NS}
  - id: password
    type: secret
    env: PW
    label: {en: PW, ja: PW}
steps:
`;

const step = (body: string): string => `  - id: one
    title: {en: One, ja: 一}
    text: {en: One, ja: 一}
${body}`;

async function problemsOf(
  yaml: string,
  assets: Record<string, string> = {},
): Promise<readonly string[]> {
  const {dir, cleanup} = await tempDir();
  try {
    await mkdir(path.join(dir, 'runbooks'));
    for (const [name, content] of Object.entries(assets)) {
      await mkdir(path.dirname(path.join(dir, 'assets', name)), {recursive: true});
      await writeFile(path.join(dir, 'assets', name), content);
    }

    await writeFile(path.join(dir, 'runbooks', 'x.yaml'), yaml);
    await loadRunbook(path.join(dir, 'runbooks', 'x.yaml'), {displayRoot: dir});
    return [];
  } catch (error) {
    if (error instanceof RunbookLoadError) {
      return error.problems;
    }

    throw error;
  } finally {
    await cleanup();
  }
}

const cases: readonly {
  readonly name: string;
  readonly yaml: string;
  readonly assets?: Record<string, string>;
  readonly expected: readonly string[];
}[] = [
  {
    name: 'names an unknown action and suggests the closest one',
    yaml: head + step(`    run:\n      - action: shell.exek\n        with: {file: ls}\n`),
    expected: [
      'runbooks/x.yaml:18 steps[0].run[0].action: unknown action "shell.exek" (did you mean shell.exec?)',
    ],
  },
  {
    name: 'names an unknown probe in a done-probe',
    yaml: head + step(`    done:\n      probe: shell.succeed\n      with: {file: ls}\n`),
    expected: [
      'runbooks/x.yaml:18 steps[0].done.probe: unknown probe "shell.succeed" (did you mean shell.succeeds?)',
    ],
  },
  {
    name: 'refuses arguments the action does not take',
    yaml:
      head + step(`    run:\n      - action: shell.exec\n        with: {file: ls, argz: [a]}\n`),
    expected: ['runbooks/x.yaml:19 steps[0].run[0].with: Unrecognized key: "argz"'],
  },
  {
    name: 'refuses an argument of the wrong type',
    yaml:
      head +
      step(
        `    run:\n      - action: shell.exec\n        with:\n          file: ls\n          args: ls -l\n`,
      ),
    expected: [
      'runbooks/x.yaml:21 steps[0].run[0].with.args: Invalid input: expected array, received string',
    ],
  },
  {
    name: 'refuses an unknown key in a step, pointing at the key',
    yaml: head + step(`    runn: []\n`),
    expected: ['runbooks/x.yaml:17 steps[0].runn: unknown key "runn"'],
  },
  {
    name: 'refuses an unknown parameter in a template',
    yaml:
      head +
      step(
        `    run:\n      - action: shell.exec\n        with: {file: kubectl, args: [get, ns, '{{ params.namespac }}']}\n`,
      ),
    expected: [
      'runbooks/x.yaml:19 steps[0].run[0].with.args[2]: unknown parameter "namespac" (did you mean namespace?)',
    ],
  },
  {
    name: 'refuses a secret in argv',
    yaml:
      head +
      step(
        `    run:\n      - action: shell.exec\n        with: {file: login, args: ['{{ params.password }}']}\n`,
      ),
    expected: [
      'runbooks/x.yaml:19 steps[0].run[0].with.args[0]: secret parameter "password" may only be used in an action\'s env or stdin',
    ],
  },
  {
    name: 'refuses a secret in a file template under assets',
    yaml: head + step(`    files:\n      - path: out.txt\n        template: leak.tmpl\n`),
    assets: {'leak.tmpl': 'pw={{ params.password }}\n'},
    expected: [
      'runbooks/x.yaml:19 steps[0].files[0].template: in leak.tmpl: secret parameter "password" may only be used in an action\'s env or stdin',
    ],
  },
  {
    name: 'refuses an unknown parameter or a secret in a step text',
    yaml:
      head +
      `  - id: one
    title: {en: One, ja: 一}
    text: {en: 'kubectl create ns {{ params.namespac }}', ja: 'pw {{ params.password }}'}
    run:
      - action: shell.exec
        with: {file: ls}
`,
    expected: [
      'runbooks/x.yaml:16 steps[0].text.en: unknown parameter "namespac" (did you mean namespace?)',
      'runbooks/x.yaml:16 steps[0].text.ja: secret parameter "password" may only be used in an action\'s env or stdin',
    ],
  },
  {
    name: 'accepts a secret in env',
    yaml:
      head +
      step(
        `    run:\n      - action: shell.exec\n        with: {file: login, env: {PW: '{{ params.password }}'}}\n`,
      ),
    expected: [],
  },
  {
    name: 'refuses duplicate step ids',
    yaml: head + step('') + step(''),
    expected: ['runbooks/x.yaml:17 steps[1].id: duplicate step id "one"'],
  },
  {
    name: 'refuses a missing template file',
    yaml: head + step(`    files:\n      - path: out.txt\n        template: nope.tmpl\n`),
    expected: [
      'runbooks/x.yaml:19 steps[0].files[0].template: template "nope.tmpl" not found in assets/',
    ],
  },
  {
    name: 'refuses an unreadable duration',
    yaml: head + step(`    expected: soon\n`),
    expected: [
      'runbooks/x.yaml:17 steps[0].expected: cannot read duration "soon" (write e.g. 500ms, 30s, 20m)',
    ],
  },
  {
    name: 'refuses an unknown template filter',
    yaml:
      head +
      step(
        `    run:\n      - action: shell.exec\n        with: {file: echo, args: ['{{ params.namespace | upper }}']}\n`,
      ),
    expected: [
      `runbooks/x.yaml:19 steps[0].run[0].with.args[0]: unknown filter "upper" in "{{ params.namespace | upper }}" (known: json, yaml, base64, default('x'))`,
    ],
  },
  {
    name: 'refuses outputs of a step that does not exist',
    yaml:
      head +
      step(
        `    run:\n      - action: shell.exec\n        with: {file: echo, args: ['{{ outputs.zero.path }}']}\n`,
      ),
    expected: [
      'runbooks/x.yaml:19 steps[0].run[0].with.args[0]: unknown step "zero" in outputs.zero.path',
    ],
  },
  {
    name: 'reports a YAML syntax error with its line',
    yaml: head + step(`    run: [\n`),
    expected: [
      'runbooks/x.yaml:18 Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  },
  {
    name: 'refuses an alias bomb',
    yaml: `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n`,
    expected: ['runbooks/x.yaml:1 Excessive alias count indicates a resource exhaustion attack'],
  },
  {
    name: 'refuses a missing title and a bad id together',
    yaml: head.replace('id: x', 'id: X_bad').replace('title: {en: X, ja: X}\n', ''),
    expected: [
      'runbooks/x.yaml:1 id: must be lowercase letters, digits and -',
      'runbooks/x.yaml:1 title: Invalid input: expected object, received undefined',
      'runbooks/x.yaml:12 steps: Invalid input: expected array, received null',
    ],
  },
  {
    name: 'leaves templated arguments to be checked after rendering',
    yaml:
      head +
      step(
        `    run:\n      - action: shell.exec\n        with: {file: sleep, timeout: '{{ params.namespace }}'}\n`,
      ),
    expected: [],
  },
];

for (const {name, yaml, assets, expected} of cases) {
  test(`the loader ${name}`, async () => {
    assert.deepEqual(await problemsOf(yaml, assets), expected);
  });
}

test('the loader builds the typed model with source lines and the parameters a step uses', async () => {
  const {dir, cleanup} = await tempDir();
  try {
    await mkdir(path.join(dir, 'runbooks'));
    await writeFile(
      path.join(dir, 'runbooks', 'x.yaml'),
      head +
        step(
          `    expected: 2m\n    run:\n      - action: shell.exec\n        with: {file: kubectl, args: [get, ns, '{{ params.namespace }}'], env: {PW: '{{ params.password }}'}}\n`,
        ),
    );
    const runbook = await loadRunbook(path.join(dir, 'runbooks', 'x.yaml'), {displayRoot: dir});
    const first = runbook.steps[0];
    assert.equal(first?.kind, 'action');
    assert.deepEqual(
      first?.kind === 'action' && {
        params: first.params,
        ms: first.expectedMs,
        source: first.run[0]?.source,
      },
      {
        params: ['namespace', 'password'],
        ms: 120_000,
        source: {file: 'runbooks/x.yaml', line: 19, path: 'steps[0].run[0]'},
      },
    );
    assert.equal(runbook.assetsDir, path.join(dir, 'assets'));
  } finally {
    await cleanup();
  }
});

test('joins folded Japanese lines after punctuation without the space YAML folds them into', async () => {
  const {dir, cleanup} = await tempDir();
  try {
    const yaml = `${head}  - id: one
    title: {en: One, ja: 一}
    text:
      en: >-
        Checks the tools,
        then the memory.
      ja: >-
        ツールを確かめ、
        4096 MiB のメモリを確認します。
        次に Vagrant を使います。
    run:
      - action: shell.exec
        with: {file: ls}
`;
    await writeFile(path.join(dir, 'x.yaml'), yaml);
    const runbook = await loadRunbook(path.join(dir, 'x.yaml'), {displayRoot: dir});
    const first = runbook.steps[0];
    assert.ok(first?.kind === 'action');
    assert.deepEqual(first.text, {
      en: 'Checks the tools, then the memory.',
      ja: 'ツールを確かめ、4096 MiB のメモリを確認します。次に Vagrant を使います。',
    });
  } finally {
    await cleanup();
  }
});
