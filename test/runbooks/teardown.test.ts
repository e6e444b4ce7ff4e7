import {test} from 'node:test';
import assert from 'node:assert/strict';
import {allStepIds, allSteps, readRunbookFile} from './runbook-file.js';

const {data: teardown} = await readRunbookFile('teardown.yaml');
const {data: main} = await readRunbookFile('mke-gitlab-runner.yaml');

test('goes back down in reverse order: grant, remediation objects, release, MKE, VMs', () => {
  assert.deepEqual(allStepIds(teardown), [
    'kubeconfig',
    'runner-accounts',
    'mke-revoke',
    'remediation-objects',
    'runner-uninstall',
    'mke-reset',
    'vms-destroy',
  ]);
});

test('asks before every step that changes something, in both languages', () => {
  const changing = allSteps(teardown).filter((step) => !['kubeconfig', 'runner-accounts'].includes(step.id));
  assert.deepEqual(
    changing.filter((step) => !step.confirm?.en || !step.confirm.ja).map((step) => step.id),
    [],
  );
});

test('merges the grant out instead of overwriting MKE’s config', () => {
  const revoke = allSteps(teardown).find((step) => step.id === 'mke-revoke');
  assert.equal(revoke?.run?.[0]?.action, 'mke.revokePrivileged');
});

test('resets MKE with --force and destroys the VMs with -f, passing the password only through the environment', () => {
  const calls = allSteps(teardown).flatMap((step) => step.run ?? []);
  const args = (file: string) =>
    calls.filter((call) => call.with?.['file'] === file).map((call) => call.with?.['args']);
  assert.deepEqual(args('launchpad'), [['reset', '--force', '--config', 'launchpad.yaml']]);
  assert.deepEqual(args('vagrant'), [['destroy', '-f']]);
  const reset = calls.find((call) => call.with?.['file'] === 'launchpad');
  assert.deepEqual(reset?.with?.['env'], {
    MKE_ADMIN_PASSWORD: '{{ params.admin_password }}',
    ACCEPT_LICENSE: '{{ params.accept_license }}',
  });
});

test('declares its parameters as the main runbook does, with the same defaults', () => {
  const byId = new Map(main.params.map((param) => [param.id, param]));
  for (const param of teardown.params) {
    assert.deepEqual(param, byId.get(param.id), param.id);
  }
});
