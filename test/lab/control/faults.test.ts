import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {
  createFaultBook,
  faultsFromEnv,
  type FaultRule,
} from '../../../source/lab/control/faults.js';
import {send} from '../../../source/lab/standins/common/http.js';
import {startLabProcess, type LabProcess} from '../../helpers/lab.js';

test('uses up an HTTP fault after its count and matches by method and path prefix', () => {
  const book = createFaultBook([
    {kind: 'http', method: 'POST', pathPrefix: '/api/v1/namespaces', mode: 'error', count: 2},
  ]);
  const cases: Array<[string, string, string | undefined]> = [
    ['GET', '/api/v1/namespaces', undefined],
    ['POST', '/api/v1/namespaces/gitlab-runner/pods', 'error'],
    ['POST', '/api/v1/namespaces', 'error'],
    ['POST', '/api/v1/namespaces', undefined],
  ];
  for (const [method, path, expected] of cases) {
    assert.equal(book.takeHttp(method, path)?.mode, expected, `${method} ${path}`);
  }

  assert.deepEqual(book.list(), []);
});

test('tells a stand-in to die or slow down only for its own tool and command', () => {
  const rules: FaultRule[] = [
    {kind: 'standin', tool: 'launchpad', command: 'apply', mode: 'die', count: 1},
    {kind: 'standin', tool: 'helm', mode: 'slow', factor: 5, count: 1},
  ];
  const book = createFaultBook(rules);
  assert.deepEqual(book.takeStandin('launchpad', 'reset'), {die: false, slowFactor: 1});
  assert.deepEqual(book.takeStandin('launchpad', 'apply'), {die: true, slowFactor: 1});
  assert.deepEqual(book.takeStandin('launchpad', 'apply'), {die: false, slowFactor: 1});
  assert.deepEqual(book.takeStandin('helm', 'install'), {die: false, slowFactor: 5});
});

test('reads faults from the environment and names the variable when they are malformed', () => {
  assert.deepEqual(faultsFromEnv(undefined), []);
  assert.deepEqual(
    faultsFromEnv('[{"kind":"http","pathPrefix":"/version","mode":"drop","count":1}]'),
    [{kind: 'http', pathPrefix: '/version', mode: 'drop', count: 1}],
  );
  assert.throws(() => faultsFromEnv('[{"kind":"http"}]'), /MKE_RUNBOOK_LAB_FAULTS/);
});

let lab: LabProcess;
before(async () => {
  lab = await startLabProcess();
});
after(async () => {
  await lab.stop();
});

test('fails the next N matching requests with 500, then answers again', async () => {
  const set = await lab.control('POST', '/_lab/faults', {
    kind: 'http',
    pathPrefix: '/version',
    mode: 'error',
    count: 2,
  });
  assert.equal(set.status, 200);
  const statuses = [];
  for (let index = 0; index < 3; index++) {
    statuses.push((await send(`${lab.runtime.url}/version`)).status);
  }

  assert.deepEqual(statuses.slice(0, 2), [500, 500]);
  assert.notEqual(statuses[2], 500);
});

test('drops the connection for a drop fault and leaves the control API alone', async () => {
  await lab.control('POST', '/_lab/faults', {
    kind: 'http',
    pathPrefix: '/',
    mode: 'drop',
    count: 1,
  });
  assert.equal((await lab.control('GET', '/_lab/health')).status, 200);
  await assert.rejects(send(`${lab.runtime.url}/version`), /connection reset|socket hang up/);
  assert.equal((await lab.control('GET', '/_lab/faults')).status, 200);
  assert.deepEqual((await lab.control('GET', '/_lab/faults')).body, {faults: []});
});

test('holds a request for a hang fault until the client gives up', async () => {
  await lab.control('POST', '/_lab/faults', {
    kind: 'http',
    pathPrefix: '/version',
    mode: 'hang',
    count: 1,
  });
  await assert.rejects(send(`${lab.runtime.url}/version`, {timeoutMs: 300}), /Timeout/);
});

test('kills a stand-in half-way through its output when told to', async () => {
  await lab.control('POST', '/_lab/faults', {
    kind: 'standin',
    tool: 'helm',
    command: 'version',
    mode: 'die',
    count: 1,
  });
  const died = await lab.run('helm', ['version']);
  assert.notEqual(died.code, 0);
  const again = await lab.run('helm', ['version']);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /version\.BuildInfo/);
});
