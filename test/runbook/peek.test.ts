import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadRunbook} from '../../source/runbook/load.js';
import {peekTitle} from '../../source/runbook/peek.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const cases: ReadonlyArray<{
  readonly name: string;
  readonly text: string;
  readonly title: {readonly en: string; readonly ja: string} | undefined;
}> = [
  {
    name: 'a flow mapping on one line',
    text: 'id: x\ntitle: {en: CLI walk, ja: CLI の歩み}\nsteps: []\n',
    title: {en: 'CLI walk', ja: 'CLI の歩み'},
  },
  {
    name: 'a block mapping with a comment and quotes',
    text: 'id: x\ntitle:\n  # the name\n  en: \'Quoted: yes\'\n  ja: "二重"  # note\nsummary: {en: a, ja: b}\n',
    title: {en: 'Quoted: yes', ja: '二重'},
  },
  {name: 'no title at all', text: 'id: x\nsteps: []\n', title: undefined},
  {
    name: 'a title nested under another key',
    text: 'meta:\n  title: {en: a, ja: b}\n',
    title: undefined,
  },
  {name: 'only one language', text: 'title: {en: a}\n', title: undefined},
  {name: 'a block scalar', text: 'title:\n  en: >-\n    long\n  ja: b\n', title: undefined},
  {
    name: 'a value continued on the next line',
    text: 'title:\n  en: long\n    more\n  ja: b\n',
    title: undefined,
  },
  {
    name: 'a quoted comma in a flow mapping',
    text: 'title: {en: "a, b", ja: c}\n',
    title: undefined,
  },
  {name: 'an escape in double quotes', text: 'title: {en: "a\\tb", ja: c}\n', title: undefined},
  {name: 'an alias', text: 'title: *name\n', title: undefined},
  {name: 'a key given twice', text: 'title: {en: a, en: b, ja: c}\n', title: undefined},
];

for (const {name, text, title} of cases) {
  test(`reads the title of ${name} as the parser would, or not at all`, () => {
    assert.deepEqual(peekTitle(text), title);
  });
}

test('reads the same title from the shipped runbooks as the full loader does', async () => {
  for (const name of ['mke-gitlab-runner', 'teardown']) {
    const file = path.join(root, 'runbooks', `${name}.yaml`);
    const loaded = await loadRunbook(file);
    assert.deepEqual(peekTitle(await readFile(file, 'utf8')), loaded.title, name);
  }
});
