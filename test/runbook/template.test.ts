import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  parseRefs,
  render,
  renderDeep,
  TemplateError,
  type TemplateScope,
} from '../../source/runbook/template.js';
import {parseDuration} from '../../source/runbook/duration.js';

const scope: TemplateScope = {
  params: {
    ns: 'gitlab-runner',
    nodes: 3,
    privileged: true,
    url: 'https://gitlab.example.com/',
    empty: '',
    note: 'yes',
  },
  outputs: {kubeconfig: {path: '/w/kube.yml'}},
  workdir: '/w',
  home: '/h',
  profile: 'default',
  lang: 'ja',
};

const cases: readonly [string, string][] = [
  ['kubectl create ns {{ params.ns }}', 'kubectl create ns gitlab-runner'],
  ['{{params.nodes}} nodes', '3 nodes'],
  ['{{ outputs.kubeconfig.path }}', '/w/kube.yml'],
  ['{{ workdir }}/{{ profile }}/{{ lang }} in {{ home }}', '/w/default/ja in /h'],
  ['{{ params.ns | json }}', '"gitlab-runner"'],
  ['{{ params.privileged | json }}', 'true'],
  ['url: {{ params.url | yaml }}', 'url: https://gitlab.example.com/'],
  ['answer: {{ params.note | yaml }}', 'answer: "yes"'],
  ['{{ params.ns | base64 }}', 'Z2l0bGFiLXJ1bm5lcg=='],
  ["{{ params.empty | default('none') }}", 'none'],
  ['{{ outputs.missing.key | default("-") | json }}', '"-"'],
  ['no templates here', 'no templates here'],
];

for (const [template, expected] of cases) {
  test(`renders ${JSON.stringify(template)}`, () => {
    assert.equal(render(template, scope), expected);
  });
}

test('renders every string inside arrays and objects, leaving other values alone', () => {
  assert.deepEqual(
    renderDeep(
      {file: 'kubectl', args: ['-n', '{{ params.ns }}'], env: {A: '{{ workdir }}'}, n: 3, ok: true},
      scope,
    ),
    {file: 'kubectl', args: ['-n', 'gitlab-runner'], env: {A: '/w'}, n: 3, ok: true},
  );
});

test('a value that is not there yet is an error naming it, not an empty string', () => {
  assert.throws(() => render('{{ outputs.vms.ip }}', scope), {
    name: 'TemplateError',
    message: '"outputs.vms.ip" has no value yet',
  });
});

test('never evaluates: anything but a name and known filters is refused', () => {
  for (const bad of [
    '{{ process.exit() }}',
    '{{ params.ns + 1 }}',
    '{{ params }}',
    '{{ params.ns | eval }}',
    '{{ constructor.name }}',
  ]) {
    assert.throws(() => parseRefs(bad), TemplateError, bad);
  }
});

test('reads durations in ms, s, m and h', () => {
  assert.deepEqual(
    ['500ms', '30s', '20m', '1h', '1.5s', 'soon', '10'].map((text) => parseDuration(text)),
    [500, 30_000, 1_200_000, 3_600_000, 1500, undefined, undefined],
  );
});
