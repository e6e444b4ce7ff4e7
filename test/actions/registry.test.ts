import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createRegistry} from '../../source/actions/registry.js';
import {defaultRegistry} from '../../source/actions/default-registry.js';
import {shellExec} from '../../source/actions/generic/shell-exec.js';

test('the default registry holds the generic actions and probes', () => {
  const registry = defaultRegistry();
  for (const name of ['shell.exec', 'file.write', 'wait.until', 'manual.confirm']) {
    assert.equal(registry.actions.get(name)?.name, name);
  }

  assert.equal(registry.probes.get('shell.succeeds')?.name, 'shell.succeeds');
});

test('refuses a name registered twice', () => {
  assert.throws(() => createRegistry([shellExec, shellExec], []), {
    message: '`shell.exec` is registered twice',
  });
});

test("checks arguments against the action's schema, with the path of each problem", () => {
  assert.deepEqual(shellExec.check({file: 'ls', args: ['-l', 3]}), {
    ok: false,
    message: 'args.1: Invalid input: expected string, received number',
    issues: [{path: ['args', 1], message: 'Invalid input: expected string, received number'}],
  });
  assert.deepEqual(shellExec.check({file: 'ls'}), {ok: true});
});
