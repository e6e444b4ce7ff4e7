import {test} from 'node:test';
import assert from 'node:assert/strict';
import {diagnose} from '../../source/diagnosis/diagnose.js';

// The article's job log (procedure.md Step 4), exactly.
const articleLine =
  'ERROR: Job failed (system failure): prepare environment: setting up build pod: pods "runner-xphxzza-project-1154-concurrent-0" is forbidden: non-admin user "gitlab-runner:gitlab-runner-gitlab-runner" [service account "gitlab-runner:default"]. The configured privileged attributes access for non-admin users ("[]")("[]") and for service accounts ("[]")("[]") lack required permissions to use attributes [privileged] for resource . Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information';

const articleTrace = [
  'Preparing the "kubernetes" executor',
  'Using Kubernetes namespace: gitlab-runner',
  'Using Kubernetes executor with image docker:18.09 ...',
  'Using attach strategy to execute scripts...',
  'Preparing environment',
  articleLine,
].join('\n');

test('explains the article’s job log: who says what, and the fields of the refusal', () => {
  const [diagnosis, ...others] = diagnose(articleTrace);
  assert.equal(others.length, 0);
  assert.ok(diagnosis);
  assert.equal(diagnosis.id, 'ucp-authorization');
  assert.equal(diagnosis.line, articleLine);
  assert.deepEqual(diagnosis.segments, [
    {text: 'ERROR: Job failed (system failure): ', speaker: 'gitlab-runner'},
    {text: 'prepare environment: ', speaker: 'gitlab-runner'},
    {text: 'setting up build pod: ', speaker: 'kubernetes-executor'},
    {
      text: 'pods "runner-xphxzza-project-1154-concurrent-0" is forbidden: non-admin user "gitlab-runner:gitlab-runner-gitlab-runner" [service account "gitlab-runner:default"]. The configured privileged attributes access for non-admin users ("[]")("[]") and for service accounts ("[]")("[]") lack required permissions to use attributes [privileged] for resource ',
      speaker: 'mke-ucp-authorization',
    },
    {
      text: '. Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information',
      speaker: 'gitlab-runner',
    },
  ]);
  assert.equal(diagnosis.segments.map((segment) => segment.text).join(''), articleLine);
  assert.deepEqual(diagnosis.fields, {
    form: 'forbidden',
    requester: 'gitlab-runner:gitlab-runner-gitlab-runner',
    podServiceAccount: 'gitlab-runner:default',
    userAttributes: '',
    userAccounts: '',
    serviceAccountAttributes: '',
    serviceAccounts: '',
    attributes: 'privileged',
    resourceKind: 'pods',
    podName: 'runner-xphxzza-project-1154-concurrent-0',
    documentedAttributes: 'privileged',
  });
  assert.equal(diagnosis.next.stepId, 'remediation');
  assert.match(
    diagnosis.next.hint.en,
    /grant \[privileged\] to gitlab-runner:gitlab-runner-gitlab-runner, gitlab-runner:default/,
  );
  assert.match(diagnosis.explanation.en, /PodSecurityPolicy alone will not help/);
  assert.match(diagnosis.explanation.en, /UCPAuthorization/);
  assert.match(
    diagnosis.explanation.ja,
    /PSP は MKE RBAC エンジン組み込みのデフォルトセキュリティを上書きしません/,
  );
  assert.match(diagnosis.explanation.en, /gitlab-runner:default/);
  // Japanese sentences run on without a space after 。
  assert.doesNotMatch(diagnosis.explanation.ja, /。 /);
});

test('finds the refusal through ANSI colours and GitLab section markers', () => {
  const trace =
    'section_start:1633572866:prepare_executor\r\u001B[0K\u001B[0K\u001B[36;1mPreparing the "kubernetes" executor\u001B[0;m\n' +
    'section_end:1633572866:prepare_executor\r\u001B[0Ksection_start:1633572866:prepare_script\r\u001B[0K\u001B[0K\u001B[36;1mPreparing environment\u001B[0;m\n' +
    `\u001B[31;1m${articleLine}\u001B[0;m\r\n`;
  const diagnoses = diagnose(trace);
  assert.deepEqual(
    diagnoses.map((d) => [d.id, d.line]),
    [['ucp-authorization', articleLine]],
  );
});

test('recognises the refusal case-insensitively, as a Kubernetes event says it', () => {
  const event =
    'Warning  FailedCreate  Error creating: PODS "runner-abc" IS FORBIDDEN: NON-ADMIN USER "gitlab-runner:gitlab-runner" [SERVICE ACCOUNT "gitlab-runner:default"]. THE CONFIGURED PRIVILEGED ATTRIBUTES ACCESS FOR NON-ADMIN USERS ("[]")("[]") AND FOR SERVICE ACCOUNTS ("[privileged]")("[other:sa]") LACK REQUIRED PERMISSIONS TO USE ATTRIBUTES [privileged] FOR RESOURCE runner-abc';
  const [diagnosis] = diagnose(event);
  assert.ok(diagnosis);
  assert.equal(diagnosis.id, 'ucp-authorization');
  assert.equal(diagnosis.fields['requester'], 'gitlab-runner:gitlab-runner');
  assert.equal(diagnosis.fields['serviceAccounts'], 'other:sa');
  assert.equal(diagnosis.fields['serviceAccountAttributes'], 'privileged');
  assert.equal(diagnosis.fields['resource'], 'runner-abc');
  assert.deepEqual(
    diagnosis.segments.map((segment) => segment.speaker),
    ['other', 'kubernetes', 'mke-ucp-authorization'],
  );
});

test('recognises the calico-style form without the user-account pair', () => {
  const line =
    'deployments.apps "calico-typha" is forbidden: non-admin user "tigera-operator:tigera-operator" [service account "calico-system:calico-typha"]. The configured privileged attributes access for service accounts ("[hostbindmounts hostipc hostnetwork hostpid kernelcapabilities privileged]")("[system-upgrade:system-upgrade]") lack required permissions to use attributes [hostnetwork] for resource calico-typha';
  const [diagnosis] = diagnose(line);
  assert.ok(diagnosis);
  assert.deepEqual(diagnosis.fields, {
    form: 'forbidden',
    requester: 'tigera-operator:tigera-operator',
    podServiceAccount: 'calico-system:calico-typha',
    serviceAccountAttributes:
      'hostbindmounts hostipc hostnetwork hostpid kernelcapabilities privileged',
    serviceAccounts: 'system-upgrade:system-upgrade',
    attributes: 'hostnetwork',
    resource: 'calico-typha',
    resourceKind: 'deployments.apps',
    resourceName: 'calico-typha',
    documentedAttributes: 'hostNetwork',
  });
  assert.deepEqual(diagnosis.segments, [{text: line, speaker: 'mke-ucp-authorization'}]);
});

test('recognises the admission-webhook form and who wrote each part of it', () => {
  const line =
    'Error from server: admission webhook "ucp.validating.webhook" denied the request: [cluster-support:default] lack required permissions to use attributes [hostbindmounts hostpid privileged]';
  const [diagnosis] = diagnose(line);
  assert.ok(diagnosis);
  assert.equal(diagnosis.id, 'ucp-authorization');
  assert.deepEqual(diagnosis.fields, {
    form: 'webhook',
    account: 'cluster-support:default',
    attributes: 'hostbindmounts hostpid privileged',
    documentedAttributes: 'hostBindMounts,hostPID,privileged',
  });
  assert.deepEqual(diagnosis.segments, [
    {text: 'Error from server: ', speaker: 'kubernetes'},
    {
      text: 'admission webhook "ucp.validating.webhook" denied the request: ',
      speaker: 'kubernetes',
    },
    {
      text: '[cluster-support:default] lack required permissions to use attributes [hostbindmounts hostpid privileged]',
      speaker: 'mke-ucp-authorization',
    },
  ]);
});

const otherFailures: ReadonlyArray<{
  readonly name: string;
  readonly text: string;
  readonly id: string;
  readonly fields: Record<string, string>;
  readonly stepId: string | undefined;
}> = [
  {
    name: 'a PodSecurityPolicy refusal',
    text: 'Error creating: pods "runner-x-project-1-concurrent-0" is forbidden: unable to validate against any pod security policy: [spec.containers[0].securityContext.privileged: Invalid value: true: Privileged containers are not allowed]',
    id: 'psp-refusal',
    fields: {
      resourceKind: 'pods',
      podName: 'runner-x-project-1-concurrent-0',
      details:
        '[spec.containers[0].securityContext.privileged: Invalid value: true: Privileged containers are not allowed]',
    },
    stepId: 'remediation',
  },
  {
    name: 'a registration refused with 403',
    text: 'ERROR: Registering runner... forbidden (check registration token)  runner=GR134894 status=403 Forbidden',
    id: 'runner-token',
    fields: {runner: 'GR134894', status: '403 Forbidden', what: 'Registering runner... forbidden'},
    stepId: 'runner-install',
  },
  {
    name: 'a removed runner (410 Gone)',
    text: 'ERROR: Verifying runner... is removed                runner=glrt-abc status=410 Gone',
    id: 'runner-token',
    fields: {runner: 'glrt-abc', status: '410 Gone', what: 'Verifying runner... is removed'},
    stepId: 'runner-install',
  },
  {
    name: 'a job request refused with 403',
    text: 'WARNING: Checking for jobs... forbidden              runner=abcd1234 status=POST https://gitlab.example.com/api/v4/jobs/request: 403 Forbidden',
    id: 'runner-token',
    fields: {runner: 'abcd1234', status: '403 Forbidden', what: 'Checking for jobs... forbidden'},
    stepId: 'runner-install',
  },
  {
    name: 'ImagePullBackOff',
    text: 'Warning  Failed  Back-off pulling image "docker:18.09-dind": ImagePullBackOff',
    id: 'image-pull',
    fields: {reason: 'ImagePullBackOff', image: 'docker:18.09-dind'},
    stepId: undefined,
  },
  {
    name: 'ErrImagePull',
    text: 'Failed to pull image "alpine:nope": rpc error: code = NotFound; ErrImagePull',
    id: 'image-pull',
    fields: {reason: 'ErrImagePull', image: 'alpine:nope'},
    stepId: undefined,
  },
  {
    name: 'Helm’s name-in-use refusal',
    text: 'Error: INSTALLATION FAILED: cannot re-use a name that is still in use',
    id: 'helm-name-in-use',
    fields: {},
    stepId: 'runner-install',
  },
  {
    name: 'an unknown GitLab host',
    text: 'ERROR: Registering runner... failed  runner=abc status=couldn\'t execute POST against https://gitlab.invalid/api/v4/runners: Post "https://gitlab.invalid/api/v4/runners": dial tcp: lookup gitlab.invalid on 10.96.0.10:53: no such host',
    id: 'gitlab-unreachable',
    fields: {host: 'gitlab.invalid'},
    stepId: 'runner-values',
  },
  {
    name: 'a refused connection to GitLab',
    text: 'Post "https://10.0.0.5/api/v4/jobs/request": dial tcp 10.0.0.5:443: connect: connection refused',
    id: 'gitlab-unreachable',
    fields: {address: '10.0.0.5:443', cause: 'connect: connection refused'},
    stepId: 'runner-values',
  },
  {
    name: 'a refused connection to the Kubernetes API (not GitLab)',
    text: 'Get "https://192.168.123.202:6443/version": dial tcp 192.168.123.202:6443: connect: connection refused',
    id: 'unreachable',
    fields: {address: '192.168.123.202:6443', cause: 'connect: connection refused'},
    stepId: undefined,
  },
  {
    name: 'Launchpad’s licence refusal',
    text: 'FATA Registration or license acceptance is required. Please use `launchpad register` command to register',
    id: 'launchpad-license',
    fields: {},
    stepId: 'mke-install',
  },
  {
    name: 'VirtualBox’s host-only range error',
    text: 'The IP address configured for the host-only network is not within the allowed ranges. Please update the address used to be within the allowed ranges and run the command again. Address: 192.168.123.201',
    id: 'vbox-hostonly-range',
    fields: {address: '192.168.123.201'},
    stepId: 'vms',
  },
  {
    name: 'VBoxManage’s E_ACCESSDENIED',
    text: 'VBoxManage: error: Code E_ACCESSDENIED (0x80070005) - Access denied (extended info not available)',
    id: 'vbox-hostonly-range',
    fields: {},
    stepId: 'vms',
  },
];

for (const failure of otherFailures) {
  test(`recognises ${failure.name} and says what to do`, () => {
    const [diagnosis, ...rest] = diagnose(`some noise\n${failure.text}\nmore noise`);
    assert.equal(rest.length, 0);
    assert.ok(diagnosis);
    assert.equal(diagnosis.id, failure.id);
    assert.deepEqual(diagnosis.fields, failure.fields);
    assert.equal(diagnosis.next.stepId, failure.stepId);
    assert.equal(diagnosis.segments.map((segment) => segment.text).join(''), failure.text);
    assert.notEqual(diagnosis.explanation.ja, '');
    assert.notEqual(diagnosis.next.hint.en, '');
  });
}

test('finds nothing in a successful job log, and reports a repeated line once', () => {
  const success =
    'Running on runner-xphxzza-project-1154-concurrent-0dzn8d via gitlab-runner-gitlab-runner-7dbdbd96cd-9glws...\nJob succeeded';
  assert.deepEqual(diagnose(success), []);
  assert.equal(diagnose(`${articleLine}\n${articleLine}`).length, 1);
});

test('recognises the simulated lab’s refusal text, with the grants it lists', async () => {
  const {ucpRefusalMessage} = await import('../../source/lab/admission/ucp-authorization.js');
  const message = ucpRefusalMessage({
    resource: 'pods',
    group: '',
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {name: '', generateName: 'runner-abcd1234-project-1-concurrent-0'},
    },
    requester: 'gitlab-runner:gitlab-runner',
    podServiceAccount: 'gitlab-runner:default',
    grants: {
      userAttributes: [],
      userAccounts: [],
      serviceAccountAttributes: ['hostBindMounts'],
      serviceAccounts: ['system-upgrade:system-upgrade'],
    },
    attributes: ['privileged'],
  });
  const line = `ERROR: Job failed (system failure): prepare environment: setting up build pod: ${message}. Check https://docs.gitlab.com/runner/shells/index.html#shell-profile-loading for more information`;
  const [diagnosis] = diagnose(line);
  assert.ok(diagnosis);
  assert.equal(diagnosis.id, 'ucp-authorization');
  assert.equal(diagnosis.fields['requester'], 'gitlab-runner:gitlab-runner');
  assert.equal(diagnosis.fields['podServiceAccount'], 'gitlab-runner:default');
  assert.equal(diagnosis.fields['serviceAccounts'], 'system-upgrade:system-upgrade');
  assert.equal(diagnosis.fields['podName'], 'runner-abcd1234-project-1-concurrent-0');
  assert.equal(diagnosis.segments.at(-1)?.speaker, 'gitlab-runner');
});

test('recognises the simulated runner’s refused-token log, and not its healthy start', async () => {
  const {refusedLines, startupLines} = await import('../../source/lab/gitlab/runner-log.js');
  for (const registration of [true, false]) {
    const found = diagnose(refusedLines('abcd1234', registration).join('\n'));
    assert.deepEqual(
      found.map((diagnosis) => [
        diagnosis.id,
        diagnosis.fields['runner'],
        diagnosis.fields['status'],
      ]),
      [['runner-token', 'abcd1234', '403 Forbidden']],
    );
    assert.deepEqual(diagnose(startupLines('current', 'abcd1234', registration).join('\n')), []);
  }
});
