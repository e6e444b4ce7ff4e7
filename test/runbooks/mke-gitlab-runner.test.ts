import {test} from 'node:test';
import assert from 'node:assert/strict';
import {access} from 'node:fs/promises';
import {allStepIds, allSteps, readRunbookFile} from './runbook-file.js';

const {data: runbook, source} = await readRunbookFile('mke-gitlab-runner.yaml');
const japanese = /[\u3040-\u30FF\u4E00-\u9FFF]/;

test('has every step of issue 4, in the procedure’s order', () => {
  assert.deepEqual(allStepIds(runbook), [
    'preflight',
    'vms',
    'mke-install',
    'kubeconfig',
    'runner-namespace',
    'runner-values',
    'runner-install',
    'job-run',
    'diagnose',
    'remediation',
    'cluster-admin-binding',
    'psp-objects',
    'mke-grant',
    'verify-admission',
    'verify-job',
    'wrap-up',
  ]);
});

test('gives every step, branch and parameter English and Japanese text, and every step a duration', () => {
  const missing: string[] = [];
  const texts: Array<[string, {en: string; ja: string} | undefined]> = [
    ['title', runbook.title],
    ['summary', runbook.summary],
    ...runbook.params.map((param): [string, {en: string; ja: string}] => [`param ${param.id}`, param.label]),
  ];
  for (const step of runbook.steps) {
    texts.push([`${step.id}.title`, step.title], [`${step.id}.text`, step.text]);
    if ('branches' in step) {
      for (const branch of step.branches) {
        texts.push([`${branch.id}.text`, branch.text], [`${branch.id}.grants`, branch.grants], [`${branch.id}.risk`, branch.risk]);
      }
    }
  }

  for (const step of allSteps(runbook)) {
    texts.push([`${step.id}.title`, step.title], [`${step.id}.text`, step.text]);
    if (step.confirm) texts.push([`${step.id}.confirm`, step.confirm]);
    if (!/^\d+(ms|s|m)$/.test(step.expected)) missing.push(`${step.id}.expected`);
  }

  for (const [where, value] of texts) {
    if (!value || value.en.trim() === '' || !japanese.test(value.ja)) missing.push(where);
  }

  assert.deepEqual(missing, []);
});

test('names only declared parameters and earlier steps in its templates', () => {
  const params = new Set(runbook.params.map((param) => param.id));
  const steps = allStepIds(runbook);
  const problems: string[] = [];
  for (const match of source.matchAll(/\{\{\s*params\.([\w-]+)/g)) {
    if (!params.has(match[1] ?? '')) problems.push(`unknown param ${match[1]}`);
  }

  for (const match of source.matchAll(/\{\{\s*outputs\.([\w-]+)\.(\w+)/g)) {
    if (!steps.includes(match[1] ?? '')) problems.push(`unknown step ${match[1]}`);
  }

  assert.deepEqual(problems, []);
});

test('takes secrets only from the environment, and never puts them in a template outside env', () => {
  const secrets = runbook.params.filter((param) => param.type === 'secret');
  assert.deepEqual(
    secrets.map((param) => [param.id, param.env]),
    [
      ['admin_password', 'MKE_ADMIN_PASSWORD'],
      ['runner_token', 'GITLAB_RUNNER_TOKEN'],
      ['gitlab_api_token', 'GITLAB_API_TOKEN'],
    ],
  );
  const lines = source.split('\n');
  for (const secret of secrets) {
    for (const [index, line] of lines.entries()) {
      if (!line.includes(`params.${secret.id} }}`)) continue;
      assert.match(line, /^\s+[A-Z_]+: '\{\{ params\.\w+ \}\}'$/, `line ${index + 1} passes a secret only as an env value`);
    }
  }
});

test('offers the two remediations, picked headless by the remediation parameter, leaving cluster-admin by removing its binding', () => {
  const choice = runbook.steps.find((step) => step.id === 'remediation');
  assert.ok(choice && 'branches' in choice);
  assert.equal(choice.param, 'remediation');
  const param = runbook.params.find((item) => item.id === 'remediation');
  assert.deepEqual(param?.choices, choice.branches.map((branch) => branch.id));
  assert.deepEqual(choice.branches.map((branch) => branch.id), ['cluster-admin', 'psp-grant']);
  const leave = choice.branches[0]?.leave ?? [];
  assert.deepEqual(
    leave.map((call) => [call.action, call.with?.['kind'], call.with?.['name']]),
    [['kube.delete', 'ClusterRoleBinding', '{{ params.cluster_admin_binding }}']],
  );
  const binding = choice.branches[0]?.steps[0];
  assert.ok(binding?.confirm, 'cluster-admin asks before it grants');
});

test('uses the service account the chart rendered, never a hard-coded one', () => {
  assert.doesNotMatch(source, /name: gitlab-runner-gitlab-runner/);
  const grant = allSteps(runbook).find((step) => step.id === 'mke-grant');
  assert.deepEqual(grant?.run?.[0]?.with?.['serviceAccounts'], [
    '{{ outputs.runner-install.qualified }}',
    '{{ outputs.runner-install.buildQualified }}',
  ]);
});

test('writes only templates that exist under assets/', async () => {
  const templates = allSteps(runbook).flatMap((step) => (step.files ?? []).map((file) => file.template));
  assert.ok(templates.length >= 8);
  for (const template of templates) await access(new URL(`../../assets/${template}`, import.meta.url));
});

test('applies the ClusterRole variant the clusterrole_rules parameter names, and writes both', () => {
  const psp = allSteps(runbook).find((step) => step.id === 'psp-objects');
  const paths = (psp?.files ?? []).map((file) => file.path);
  const choices = runbook.params.find((param) => param.id === 'clusterrole_rules')?.choices ?? [];
  for (const choice of choices) assert.ok(paths.includes(`manifests/gitlab-runner-psp-clusterrole-${choice}.yaml`));
  assert.ok(psp?.run?.some((call) => call.with?.['file'] === 'manifests/gitlab-runner-psp-clusterrole-{{ params.clusterrole_rules }}.yaml'));
});

test('folds no Japanese step text into a space between two Japanese words', async () => {
  // YAML joins a wrapped line with a space; Japanese has none between words, so a line may
  // wrap only after punctuation or next to Latin text (「属性の 使用」 reads as a typo).
  const between = /[\u3040-\u30FF\u4E00-\u9FFF] [\u3040-\u30FF\u4E00-\u9FFF]/;
  const found: string[] = [];
  for (const name of ['mke-gitlab-runner.yaml', 'teardown.yaml']) {
    const {data} = await readRunbookFile(name);
    const texts: Array<[string, string]> = [];
    for (const step of data.steps) {
      texts.push([step.id, step.text.ja]);
      if ('branches' in step) {
        for (const branch of step.branches) {
          texts.push([branch.id, branch.text.ja], [`${branch.id}.grants`, branch.grants?.ja ?? ''], [`${branch.id}.risk`, branch.risk?.ja ?? '']);
        }
      }
    }

    for (const step of allSteps(data)) texts.push([step.id, step.text.ja]);
    for (const [where, text] of texts) {
      const match = between.exec(text);
      if (match) found.push(`${name} ${where}: …${text.slice(Math.max(0, match.index - 8), match.index + 9)}…`);
    }
  }

  assert.deepEqual(found, []);
});
