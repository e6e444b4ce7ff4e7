import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {PlannedStep} from '../../source/engine/engine-api.js';
import type {ParamInfo} from '../../source/engine/param-info.js';
import {paramDetail} from '../../source/ui/param-lines.js';
import {uiStrings} from '../../source/ui/strings.js';
import {params, steps} from '../fixtures/ui/runbook.js';

const planned: PlannedStep[] = steps.map((step) =>
  step.kind === 'action' ? {kind: 'action', step} : {kind: 'choice', step},
);
const base: ParamInfo = {
  spec: params['gitlabUrl'] ?? assert.fail('fixture'),
  value: 'https://gitlab.example.com/',
  isSet: true,
  origin: 'flag',
  usedBy: [],
};
const secret: ParamInfo = {
  ...base,
  spec: params['password'] ?? assert.fail('fixture'),
  value: undefined,
};

const cases: ReadonlyArray<{
  readonly title: string;
  readonly info: ParamInfo;
  readonly lines: string[];
}> = [
  {
    title: 'a value given with --set',
    info: base,
    lines: [
      'GitLab URL  (gitlab_url)',
      'Given with --set on the command line.',
      'No step of the plan uses it.',
    ],
  },
  {
    title: 'a value typed over a --set one: the next start takes --set again',
    info: {...base, value: 'https://x.example/', origin: 'session', overrides: 'flag'},
    lines: [
      'GitLab URL  (gitlab_url)',
      'Changed here: used from now on. A start with the same --set takes that again.',
      'No step of the plan uses it.',
    ],
  },
  {
    title: 'a secret typed here',
    info: {...secret, origin: 'session'},
    lines: [
      'MKE admin password  (admin_password)',
      'Typed in this session: kept in memory only, never saved.',
      'No step of the plan uses it.',
    ],
  },
  {
    title: 'a secret from the environment, names the variable',
    info: {...secret, origin: 'env'},
    lines: [
      'MKE admin password  (admin_password)',
      'From the environment variable MKE_ADMIN_PASSWORD.',
      'No step of the plan uses it.',
    ],
  },
  {
    title: 'a refused value given at start',
    info: {
      ...base,
      problem: 'parameter `gitlab_url` from --set: must be an http:// or https:// URL',
    },
    lines: [
      'GitLab URL  (gitlab_url)',
      'Given with --set on the command line.',
      'parameter `gitlab_url` from --set: must be an http:// or https:// URL',
      'No step of the plan uses it.',
    ],
  },
  {
    title: 'a done step with no undo: reset only',
    info: {...base, usedBy: [{stepId: 'mke-install', kind: 'action', status: 'done', locks: true}]},
    lines: [
      'GitLab URL  (gitlab_url)',
      'Given with --set on the command line.',
      'Used by: Install MKE (done)',
      'Cannot change it here: already used by Install MKE.',
      'To change it: quit and run `mke-runbook reset --step mke-install` (this forgets progress only; what was built stays), then change it here and run the step again.',
    ],
  },
  {
    title: 'a choice made: pick again',
    info: {...base, usedBy: [{stepId: 'remediation', kind: 'choice', status: 'done', locks: true}]},
    lines: [
      'GitLab URL  (gitlab_url)',
      'Given with --set on the command line.',
      'Used by: Remediation (done)',
      'Cannot change it here: already used by Remediation.',
      'A choice: press Enter on it in the step list to pick again.',
    ],
  },
];

for (const {title, info, lines} of cases) {
  test(`explains ${title}`, () => {
    assert.deepEqual(
      paramDetail(info, planned, uiStrings('en'), 'en', 400).map((line) => line.text),
      lines,
    );
  });
}
