import type {ActionStep, Runbook} from '../../source/runbook/types.js';

const source = {file: 'runbooks/example.yaml', line: 1, path: ''};
const text = (en: string, ja: string) => ({en, ja});

/** An action step with sensible defaults, for report tests. */
export function actionStep(id: string, overrides: Partial<ActionStep> = {}): ActionStep {
  return {
    kind: 'action',
    id,
    title: text(`Title of ${id}`, `${id} の題`),
    text: text('', ''),
    params: [],
    files: [],
    run: [
      {
        action: 'shell.exec',
        with: {file: 'kubectl', args: ['create', 'namespace', '{{ params.namespace }}']},
        source,
      },
    ],
    always: false,
    checks: [],
    undo: [],
    skippable: false,
    expectedMs: 1000,
    source,
    ...overrides,
  };
}

/** A small runbook: two steps, a choice with two branches, a last step. */
export const exampleRunbook: Runbook = {
  id: 'example',
  version: 1,
  title: text('Example runbook', '例の手順'),
  summary: text('', ''),
  params: [
    {
      id: 'namespace',
      type: 'string',
      label: text('Namespace', '名前空間'),
      default: 'gitlab-runner',
    },
    {id: 'token', type: 'secret', label: text('Token', 'トークン'), env: 'EXAMPLE_TOKEN'},
  ],
  steps: [
    actionStep('first'),
    actionStep('second', {
      files: [{path: 'values.yaml', template: 'values.tmpl', source}],
      run: [{action: 'file.write', with: {path: 'other.txt', content: 'x'}, source}],
    }),
    {
      kind: 'choice',
      id: 'fix',
      title: text('Choose a fix', '直し方を選ぶ'),
      text: text('', ''),
      param: 'fix',
      expectedMs: 0,
      source,
      branches: [
        {
          id: 'wide',
          title: text('Wide', '広い'),
          text: text('', ''),
          steps: [actionStep('grant-wide')],
          leave: [
            {
              action: 'shell.exec',
              with: {file: 'kubectl', args: ['delete', 'clusterrolebinding', 'x']},
              source,
            },
          ],
        },
        {
          id: 'narrow',
          title: text('Narrow', '狭い'),
          text: text('', ''),
          steps: [actionStep('grant-narrow')],
          leave: [],
        },
      ],
    },
    actionStep('last'),
  ],
  file: '/tmp/example.yaml',
  assetsDir: '/tmp/assets',
};
