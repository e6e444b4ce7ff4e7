import {test} from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import {defaultStateDir} from '../../source/state/paths.js';

test('keeps state under MKE_RUNBOOK_HOME, else the home directory, even when HOME is empty', () => {
  assert.deepEqual(
    [
      defaultStateDir({MKE_RUNBOOK_HOME: '/srv/runbook'}, '/home/ada'),
      defaultStateDir({}, '/home/ada'),
      defaultStateDir({}, ''),
    ],
    ['/srv/runbook', '/home/ada/.mke-runbook', path.join(os.userInfo().homedir, '.mke-runbook')],
  );
});
