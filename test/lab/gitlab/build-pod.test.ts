import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {buildPod, shortToken} from '../../../source/lab/gitlab/build-pod.js';
import {ciJobs} from '../../../source/lab/gitlab/project.js';
import {parseRunnerConfig} from '../../../source/lab/gitlab/runner-config.js';

const config = {
  namespace: 'gitlab-runner',
  image: 'ubuntu:16.04',
  privileged: true,
  serviceAccount: '',
  helperImage: 'gitlab/gitlab-runner-helper:x86_64-98daeee0',
};

describe('the build pod the Kubernetes executor asks for', () => {
  const cases = [
    {era: '2021', token: 'xphxzzaQ9', short: 'xphxzzaQ'},
    {era: '2021', token: 'glrt-abcdefghijk', short: 'abcdefgh'},
    {era: 'current', token: 'glrt-abcdefghijk', short: 'abcdefghi'},
    {era: 'current', token: 'glrt-t1_abcdefghijk', short: 'abcdefghi'},
  ] as const;
  for (const {era, token, short} of cases) {
    it(`shortens ${token} to ${short} as runner ${era === '2021' ? '14.x' : '18.x'} does`, () => {
      assert.equal(shortToken(token, era), short);
    });
  }

  it('is generateName-d by 14.x with build, helper, svc-0 and init-permissions, privileged per config, default account', () => {
    const pod = buildPod({
      era: '2021',
      token: 'xphxzza',
      projectId: 1154,
      jobId: 7,
      concurrentId: 0,
      config,
      job: ciJobs[0]!,
    });
    assert.equal(pod.metadata.name, '');
    assert.equal(pod.metadata.generateName, 'runner-xphxzza-project-1154-concurrent-0');
    const spec = pod['spec'] as {
      serviceAccountName?: string;
      initContainers: Array<{name: string}>;
      containers: Array<{name: string; image: string; securityContext: {privileged: boolean}}>;
    };
    assert.equal(spec.serviceAccountName, undefined);
    assert.deepEqual(
      spec.initContainers.map((container) => container.name),
      ['init-permissions'],
    );
    assert.deepEqual(
      spec.containers.map((container) => [
        container.name,
        container.image,
        container.securityContext.privileged,
      ]),
      [
        ['build', 'docker:18.09', true],
        ['helper', config.helperImage, true],
        ['svc-0', 'docker:18.09-dind', true],
      ],
    );
  });

  it('is named by 18.x itself with 8 random characters, and uses the configured service account', () => {
    const pod = buildPod({
      era: 'current',
      token: 'glrt-abcdefghijk',
      projectId: 1154,
      jobId: 7,
      concurrentId: 0,
      config: {...config, serviceAccount: 'builder'},
      job: ciJobs[0]!,
    });
    assert.match(pod.metadata.name, /^runner-abcdefghi-project-1154-concurrent-0-[a-z0-9]{8}$/);
    assert.equal((pod['spec'] as {serviceAccountName?: string}).serviceAccountName, 'builder');
  });
});

describe("reading the chart's runner config", () => {
  it('takes namespace, image, privileged and service_account from [runners.kubernetes]', () => {
    const toml =
      '[[runners]]\n  [runners.kubernetes]\n    namespace = "jobs"\n    image = "alpine"\n    privileged = true\n    service_account = "builder"\n';
    const parsed = parseRunnerConfig(toml, 'gitlab-runner');
    assert.deepEqual(
      'error' in parsed
        ? parsed
        : [parsed.namespace, parsed.image, parsed.privileged, parsed.serviceAccount],
      ['jobs', 'alpine', true, 'builder'],
    );
  });

  it('defaults to the release namespace, unprivileged, no service account', () => {
    const parsed = parseRunnerConfig('[[runners]]\n  [runners.kubernetes]\n', 'gitlab-runner');
    assert.deepEqual(
      'error' in parsed ? parsed : [parsed.namespace, parsed.privileged, parsed.serviceAccount],
      ['gitlab-runner', false, ''],
    );
  });

  it('reports a template that is not TOML', () => {
    assert.ok('error' in parseRunnerConfig('[[runners]\n', 'gitlab-runner'));
  });
});
