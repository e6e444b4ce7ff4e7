import {test} from 'node:test';
import assert from 'node:assert/strict';
import {showCommand} from '../../source/report/command-text.js';

test('shows plain arguments bare and quotes anything a reader could misread', () => {
  assert.equal(
    showCommand('kubectl', ['create', 'namespace', 'gitlab-runner', '--dry-run=server']),
    'kubectl create namespace gitlab-runner --dry-run=server',
  );
  assert.equal(
    showCommand('node', ['-e', 'a b', '$(touch /tmp/x); rm -rf ~', '']),
    'node -e "a b" "$(touch /tmp/x); rm -rf ~" ""',
  );
});
