import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {setTimeout as delay} from 'node:timers/promises';
import {mkdtemp, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {parse as parseYaml} from 'yaml';
import {hashPassword} from '../../../source/lab/mke/password.js';
import {chartFor, defaultValuesText} from '../../../source/lab/standins/helm/chart.js';
import {renderChart, serviceAccount} from '../../../source/lab/standins/helm/render.js';
import {startLabProcess, type LabProcess} from '../../helpers/lab.js';

test('names the service account per chart era, as the real charts render it', () => {
  const cases: Array<
    [
      era: '2021' | 'current',
      release: string,
      values: Record<string, unknown>,
      expected: {name: string; create: boolean},
    ]
  > = [
    [
      '2021',
      'gitlab-runner',
      {rbac: {create: true}},
      {name: 'gitlab-runner-gitlab-runner', create: true},
    ],
    ['2021', 'gitlab-runner', {rbac: {create: false}}, {name: 'default', create: false}],
    ['current', 'gitlab-runner', {rbac: {create: true}}, {name: 'gitlab-runner', create: true}],
    ['current', 'ci', {rbac: {create: true}}, {name: 'ci-gitlab-runner', create: true}],
    [
      'current',
      'gitlab-runner',
      {rbac: {create: true}, serviceAccount: {create: false}},
      {name: 'default', create: false},
    ],
    [
      'current',
      'gitlab-runner',
      {serviceAccount: {create: true, name: 'runner'}},
      {name: 'runner', create: true},
    ],
  ];
  for (const [era, release, values, expected] of cases) {
    assert.deepEqual(serviceAccount(chartFor(era), release, values), expected, `${era} ${release}`);
  }
});

test('renders a Role for all core resources when rbac.rules is empty, and no Secret when runners.secret is given', () => {
  const objects = renderChart(chartFor('2021'), 'gitlab-runner', 'gitlab-runner', {
    rbac: {create: true, rules: []},
    runners: {
      config: '[[runners]]\n  [runners.kubernetes]\n    namespace = "{{.Release.Namespace}}"\n',
      secret: 'runner-token',
    },
  });
  assert.deepEqual(
    objects.map((object) => `${object.kind}/${object.metadata.name}`),
    [
      'ServiceAccount/gitlab-runner-gitlab-runner',
      'Role/gitlab-runner-gitlab-runner',
      'RoleBinding/gitlab-runner-gitlab-runner',
      'ConfigMap/gitlab-runner-gitlab-runner',
      'Deployment/gitlab-runner-gitlab-runner',
    ],
  );
  assert.deepEqual(objects[1]?.['rules'], [{apiGroups: [''], resources: ['*'], verbs: ['*']}]);
  assert.match(
    String((objects[3]?.['data'] as Record<string, string>)['config.template.toml']),
    /namespace = "gitlab-runner"/,
  );
});

let lab: LabProcess;
let work: string;
before(async () => {
  lab = await startLabProcess();
  work = await mkdtemp(path.join(lab.dir, 'helm-'));
  await lab.control('POST', '/_lab/mke/install', {
    version: '3.4.5',
    address: '192.168.123.202',
    adminUsername: 'admin',
    adminPasswordHash: hashPassword('adminadmin'),
    clusterName: 'my-mke-cluster',
  });
  const login = await lab.control('POST', '/auth/login', {
    username: 'admin',
    password: 'adminadmin',
  });
  const token = (login.body as {auth_token: string}).auth_token;
  await writeFile(
    path.join(work, 'kube.yml'),
    `apiVersion: v1\nkind: Config\ncurrent-context: lab\nclusters: [{name: lab, cluster: {server: "${lab.runtime.url}"}}]\ncontexts: [{name: lab, context: {cluster: lab, user: admin}}]\nusers: [{name: admin, user: {token: "${token}"}}]\n`,
  );
});
after(async () => {
  await lab.stop();
});

test('shows values.yaml for both chart eras, rbac.create false in each', async () => {
  const missing = await lab.run('helm', ['show', 'values', 'gitlab/gitlab-runner'], {cwd: work});
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr.trim(), 'Error: repo gitlab not found');
  const added = await lab.run('helm', ['repo', 'add', 'gitlab', 'https://charts.gitlab.io'], {
    cwd: work,
  });
  assert.equal(added.stdout.trim(), '"gitlab" has been added to your repositories');

  for (const era of ['2021', 'current'] as const) {
    await lab.control('PUT', '/_lab/settings', {chartEra: era});
    const shown = await lab.run('helm', ['inspect', 'values', 'gitlab/gitlab-runner'], {cwd: work});
    assert.equal(shown.code, 0, shown.stderr);
    // Whole, not just parseable: a stand-in that exits before its output is written out
    // once cut the 30 KB of the current chart's values short under load.
    assert.equal(shown.stdout, await defaultValuesText(chartFor(era)), era);
    const values = parseYaml(shown.stdout) as {rbac: {create: boolean}; runners: {config: string}};
    assert.ok(values, `helm printed no values (${era}): ${JSON.stringify(shown).slice(0, 400)}`);
    assert.equal(values.rbac.create, false, era);
    assert.match(
      values.runners.config,
      era === '2021' ? /image = "ubuntu:16.04"/ : /image = "alpine"/,
    );
  }
});

test('writes all of a long output before exiting, even to a reader that is not reading yet', async () => {
  await lab.run('helm', ['repo', 'add', 'gitlab', 'https://charts.gitlab.io'], {cwd: work});
  await lab.control('PUT', '/_lab/settings', {chartEra: 'current'});
  const child = spawn(
    path.join(lab.runtime.binDir, 'helm'),
    ['show', 'values', 'gitlab/gitlab-runner'],
    {
      cwd: work,
      env: lab.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Not reading fills the pipe, so the tool's last writes queue inside it; it must not exit
  // and drop them. Read once it has exited, or after a second if it (rightly) waits for us.
  // A 'readable' listener, not pause(): on the child's exit node resumes any stdio stream
  // nobody listens to, and what it read then was thrown away before our 'data' listener came
  // (the output lost its beginning in 6 runs of 8 on a fast machine).
  const chunks: Buffer[] = [];
  let reading = false;
  const take = (): void => {
    let chunk: Buffer | null;
    while ((chunk = child.stdout.read() as Buffer | null) !== null) chunks.push(chunk);
  };
  child.stdout.on('readable', () => {
    if (reading) take();
  });
  const ended = once(child.stdout, 'end');
  const exited = once(child, 'exit');
  await Promise.race([exited, delay(1000)]);
  reading = true;
  take();
  const [code] = await exited;
  await ended;
  assert.equal(code, 0);
  assert.equal(
    Buffer.concat(chunks).toString('utf8'),
    await defaultValuesText(chartFor('current')),
  );
});

test('installs the release through the Kubernetes API, lists it and refuses a second install', async () => {
  await lab.control('PUT', '/_lab/settings', {chartEra: '2021'});
  const env = {KUBECONFIG: path.join(work, 'kube.yml')};
  const args = [
    'install',
    '-n',
    'gitlab-runner',
    '--create-namespace',
    'gitlab-runner',
    'gitlab/gitlab-runner',
    '--set',
    'rbac.create=true',
    '--set',
    'gitlabUrl=https://gitlab.example.com/',
  ];
  const installed = await lab.run('helm', args, {cwd: work, env});
  assert.equal(installed.code, 0, installed.stderr);
  assert.deepEqual(installed.stdout.split('\n').slice(2, 7), [
    'NAMESPACE: gitlab-runner',
    'STATUS: deployed',
    'REVISION: 1',
    'TEST SUITE: None',
    'NOTES:',
  ]);

  const list = await lab.run('helm', ['list', '-n', 'gitlab-runner', '-o', 'json'], {
    cwd: work,
    env,
  });
  const releases = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
  assert.equal(releases.length, 1);
  const {updated, ...rest} = releases[0]!;
  assert.match(String(updated), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000 UTC$/);
  assert.deepEqual(rest, {
    name: 'gitlab-runner',
    namespace: 'gitlab-runner',
    revision: '1',
    status: 'deployed',
    chart: 'gitlab-runner-0.37.2',
    app_version: '14.7.0',
  });

  const status = await lab.run(
    'helm',
    ['status', 'gitlab-runner', '-n', 'gitlab-runner', '-o', 'json'],
    {cwd: work, env},
  );
  const shown = JSON.parse(status.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(shown).sort(), [
    'config',
    'info',
    'manifest',
    'name',
    'namespace',
    'version',
  ]);
  assert.equal((shown['info'] as {status: string}).status, 'deployed');
  assert.match(String(shown['manifest']), /serviceAccountName: gitlab-runner-gitlab-runner/);

  const again = await lab.run('helm', args, {cwd: work, env});
  assert.equal(again.code, 1);
  assert.equal(
    again.stderr.trim(),
    'Error: INSTALLATION FAILED: cannot re-use a name that is still in use',
  );

  const upgraded = await lab.run('helm', ['upgrade', '--install', ...args.slice(1)], {
    cwd: work,
    env,
  });
  assert.equal(upgraded.code, 0, upgraded.stderr);
  assert.match(upgraded.stdout, /^Release "gitlab-runner" has been upgraded\. Happy Helming!\n/);
});

test('says the cluster is unreachable when the kubeconfig points nowhere', async () => {
  await writeFile(
    path.join(work, 'nowhere.yml'),
    'apiVersion: v1\nkind: Config\ncurrent-context: x\nclusters: [{name: x, cluster: {server: "https://127.0.0.1:1"}}]\ncontexts: [{name: x, context: {cluster: x, user: x}}]\nusers: [{name: x, user: {token: t}}]\n',
  );
  const result = await lab.run(
    'helm',
    ['list', '--kubeconfig', path.join(work, 'nowhere.yml'), '-o', 'json'],
    {cwd: work},
  );
  assert.equal(result.code, 1);
  assert.equal(
    result.stderr.trim(),
    'Error: Kubernetes cluster unreachable: Get "https://127.0.0.1:1/version": dial tcp 127.0.0.1:1: connect: connection refused',
  );
});
