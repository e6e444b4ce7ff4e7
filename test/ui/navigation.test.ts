import test from 'node:test';
import assert from 'node:assert/strict';
import type {PlannedStep} from '../../source/engine/engine-api.js';
import {passedOver} from '../../source/ui/navigation.js';
import {steps} from '../fixtures/ui/runbook.js';

const planned: PlannedStep[] = steps.map((step) =>
  step.kind === 'action' ? {kind: 'action', step} : {kind: 'choice', step},
);
const index = (id: string): number => planned.findIndex((p) => p.step.id === id);
const ids = (list: readonly PlannedStep[]): string[] => list.map((p) => p.step.id);

test('a jump forward passes over only the skippable steps still pending between', () => {
  const pending = (): string => 'pending';
  // job-run → remediation passes diagnose (skippable).
  assert.deepEqual(ids(passedOver(planned, pending, index('job-run'), index('remediation'))), [
    'diagnose',
  ]);
  // kubeconfig → job-run passes runner-install (skippable) only; nothing else is.
  assert.deepEqual(ids(passedOver(planned, pending, index('vms'), index('job-run'))), [
    'runner-install',
  ]);
  // Done already, or a jump backwards or to the next row: nothing.
  assert.deepEqual(
    passedOver(planned, () => 'done', index('job-run'), index('remediation')),
    [],
  );
  assert.deepEqual(passedOver(planned, pending, index('remediation'), index('job-run')), []);
  assert.deepEqual(passedOver(planned, pending, index('job-run'), index('diagnose')), []);
});
