import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {createFaultBook, type FaultBook, type FaultRule} from '../../source/lab/control/faults.js';
import {createFaultRoute, type FaultRoute} from '../../source/lab/control/fault-route.js';
import {createKubeFactory} from '../../source/integrations/kube.js';
import {createHttpPort} from '../../source/integrations/http.js';
import {createProcessPort} from '../../source/integrations/process.js';
import type {KubePort} from '../../source/integrations/kube-port.js';
import {labSpeedEnv, labUrlEnv} from '../../source/lab/contract.js';
import {
  freshWorld,
  startLab,
  startLabProcess,
  type LabProcess,
  type TestLab,
} from '../helpers/lab.js';

// The lab with its fault middleware in front, in this process: the Kubernetes and HTTP ports
// talk to it as to a real cluster, and the test sets faults on the book directly.

let testLab: TestLab;
let book: FaultBook;
let faultRoute: FaultRoute;
let kube: KubePort;
let url = '';

before(async () => {
  book = createFaultBook();
  faultRoute = createFaultRoute(book);
  testLab = await startLab({world: freshWorld(), routes: [faultRoute.route]});
  ({url} = testLab);
  kube = await createKubeFactory()(testLab.kubeconfig);
});

after(async () => {
  faultRoute.releaseHung();
  await testLab.close();
});

// A guard so a wait that is not bounded fails the test instead of hanging it.
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} hung for ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, guard]);
  } finally {
    clearTimeout(timer);
  }
}

const namespace = (name: string) => ({apiVersion: 'v1', kind: 'Namespace', metadata: {name}});
const fault = (rule: Omit<Extract<FaultRule, {kind: 'http'}>, 'kind'>) =>
  book.add([{kind: 'http', ...rule}]);

describe('the Kubernetes port under faults', () => {
  test('a watch is re-established after its streams are dropped, and sees the object appear', async () => {
    fault({pathPrefix: '/api/v1/namespaces', mode: 'drop', count: 2});
    const waiting = kube.waitFor(
      'v1',
      'Namespace',
      'appears-later',
      undefined,
      (object) => object !== undefined,
      {
        timeoutMs: 8000,
        description: 'namespace appears-later',
      },
    );
    setTimeout(() => void kube.apply(namespace('appears-later')).catch(() => undefined), 600);
    const seen = await within(10_000, 'the watch', waiting);
    assert.equal(seen?.metadata.name, 'appears-later');
  });

  test('a watch re-established after answers of 500 (the server failing, then back)', async () => {
    await kube.apply(namespace('already-there'));
    fault({pathPrefix: '/api/v1/namespaces', mode: 'error', status: 500, count: 3});
    const seen = await within(
      10_000,
      'the watch',
      kube.waitFor(
        'v1',
        'Namespace',
        'already-there',
        undefined,
        (object) => object !== undefined,
        {
          timeoutMs: 8000,
          description: 'namespace already-there',
        },
      ),
    );
    assert.equal(seen?.metadata.name, 'already-there');
  });

  test('a wait that cannot be met ends at its timeout and says what it waited for', async () => {
    await assert.rejects(
      within(
        5000,
        'the wait',
        kube.waitFor('v1', 'Namespace', 'never', undefined, (object) => object !== undefined, {
          timeoutMs: 400,
          description: 'namespace never to exist',
        }),
      ),
      /Timed out after \d+ s waiting for namespace never to exist/,
    );
  });

  test('a wait against a server that never answers still ends at its timeout', async () => {
    fault({pathPrefix: '/api/v1/namespaces', mode: 'hang', count: 50});
    try {
      await assert.rejects(
        within(
          5000,
          'the wait',
          kube.waitFor('v1', 'Namespace', 'hung', undefined, (object) => object !== undefined, {
            timeoutMs: 500,
            description: 'namespace hung',
          }),
        ),
        /waiting for namespace hung/,
      );
    } finally {
      book.clear();
      faultRoute.releaseHung();
    }
  });

  test('a read is retried after one 500 (reads are safe to repeat)', {}, async () => {
    await kube.apply(namespace('read-me'));
    fault({
      method: 'GET',
      pathPrefix: '/api/v1/namespaces/read-me',
      mode: 'error',
      status: 500,
      count: 1,
    });
    try {
      const object = await within(5000, 'the read', kube.get('v1', 'Namespace', 'read-me'));
      assert.equal(object?.metadata.name, 'read-me');
    } finally {
      book.clear();
    }
  });

  test("a read that keeps failing reports the API server's own words", async () => {
    fault({
      method: 'GET',
      pathPrefix: '/api/v1/namespaces/broken',
      mode: 'error',
      status: 500,
      count: 5,
    });
    try {
      await assert.rejects(
        within(5000, 'the read', kube.get('v1', 'Namespace', 'broken')),
        (error: unknown) => {
          assert.ok(error instanceof Error);
          const detail = String(Reflect.get(error, 'detail') ?? '');
          assert.match(`${error.message} ${detail}`, /injected by the lab/);
          return true;
        },
      );
    } finally {
      book.clear();
    }
  });

  test('an idempotent apply succeeds after a dropped connection when repeated', async () => {
    fault({method: 'PATCH', pathPrefix: '/api/v1/namespaces/applied', mode: 'drop', count: 1});
    await assert.rejects(kube.apply(namespace('applied')));
    const applied = await kube.apply(namespace('applied'));
    assert.equal(applied.metadata.name, 'applied');
  });
});

describe('the HTTP port under faults', () => {
  test('a request to a server that never answers ends at its timeout, naming where it went', async () => {
    fault({pathPrefix: '/version', mode: 'hang', count: 1});
    const http = createHttpPort({});
    try {
      await assert.rejects(
        within(
          5000,
          'the request',
          http.request({method: 'GET', url: `${url}/version`, timeoutMs: 300, insecure: true}),
        ),
        /no answer in 300 ms/,
      );
    } finally {
      faultRoute.releaseHung();
    }
  });
});

describe('a stand-in dying half-way', () => {
  let labProcess: LabProcess;
  before(async () => {
    labProcess = await startLabProcess();
  });
  after(async () => labProcess.stop());

  test('is reported with its own words and its exit code, and the next run works', async () => {
    await labProcess.control('POST', '/_lab/faults', {
      kind: 'standin',
      tool: 'helm',
      command: 'version',
      mode: 'die',
      count: 1,
    });
    const port = createProcessPort({
      env: {
        PATH: `${labProcess.runtime.binDir}${path.delimiter}${process.env['PATH'] ?? ''}`,
        HOME: labProcess.home,
        [labUrlEnv]: labProcess.runtime.url,
        [labSpeedEnv]: '0',
      },
    });
    const died = await within(20_000, 'helm', port.run('helm', ['version'], {timeoutMs: 15_000}));
    assert.notEqual(died.exitCode, 0);
    assert.equal(died.timedOut, false);
    const again = await within(20_000, 'helm', port.run('helm', ['version'], {timeoutMs: 15_000}));
    assert.equal(again.exitCode, 0, again.tail.join('\n'));
    assert.match(again.tail.join('\n'), /version\.BuildInfo/);
    // What it managed to say before dying is a prefix of what it says in full.
    const said = died.tail.join('\n');
    assert.ok(again.tail.join('\n').startsWith(said), `not its own words: ${JSON.stringify(said)}`);
  });

  test('a child that outlives its timeout is stopped and reported as timed out', async () => {
    const result = await within(
      10_000,
      'the child',
      createProcessPort({graceMs: 200}).run(
        process.execPath,
        ['-e', 'setInterval(() => {}, 1000)'],
        {timeoutMs: 300},
      ),
    );
    assert.equal(result.timedOut, true);
  });
});
