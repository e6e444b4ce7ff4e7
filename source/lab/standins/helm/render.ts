import type {ChartInfo} from './chart.js';

// The gitlab-runner chart's templates, reduced to the objects and names that matter to the
// procedure (facts.md §4.2/§4.3): ServiceAccount, Role + RoleBinding, ConfigMap with the
// rendered runner config, Secret with the token, Deployment.

/** A values tree (already merged: chart defaults, -f files, --set). */
export type Values = Record<string, unknown>;

/** A rendered manifest object. */
export type Manifest = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
  };
  readonly [key: string]: unknown;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `a.b.c` from values. */
export function valueAt(values: Values, dotted: string): unknown {
  let node: unknown = values;
  for (const key of dotted.split('.')) node = isRecord(node) ? node[key] : undefined;
  return node;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const trimName = (name: string) => name.slice(0, 63).replace(/-+$/, '');

/** The chart's fullname: 2021 always `<release>-<chart>`; later charts de-duplicate a prefix. */
export function fullname(chart: ChartInfo, release: string, values: Values): string {
  const override = text(values['fullnameOverride']);
  if (override) return trimName(override);
  const name = text(values['nameOverride']) || chart.name;
  if (chart.era === 'current' && release.startsWith(name)) return trimName(release);
  return trimName(`${release}-${name}`);
}

/** The service account the Deployment runs as, and whether the chart creates it. */
export function serviceAccount(
  chart: ChartInfo,
  release: string,
  values: Values,
): {name: string; create: boolean} {
  const full = fullname(chart, release, values);
  const rbacCreate = valueAt(values, 'rbac.create') === true;
  if (chart.era === '2021') {
    return rbacCreate
      ? {name: full, create: true}
      : {name: text(valueAt(values, 'rbac.serviceAccountName')) || 'default', create: false};
  }

  const saCreate = valueAt(values, 'serviceAccount.create');
  const create = saCreate === true || (rbacCreate && saCreate === undefined);
  const named = text(valueAt(values, 'serviceAccount.name'));
  if (create)
    return {
      name: named || text(valueAt(values, 'rbac.generatedServiceAccountName')) || full,
      create,
    };
  return {name: named || text(valueAt(values, 'rbac.serviceAccountName')) || 'default', create};
}

/** `runners.config` with the Release/Values templates the chart's default uses rendered. */
export function renderRunnerConfig(values: Values, namespace: string): string {
  const jobNamespace = text(valueAt(values, 'runners.jobNamespace')) || namespace;
  return text(valueAt(values, 'runners.config'))
    .replaceAll(/\{\{-?\s*\.Release\.Namespace\s*-?\}\}/g, namespace)
    .replaceAll(
      /\{\{-?\s*default\s+\.Release\.Namespace\s+\.Values\.runners\.jobNamespace\s*-?\}\}/g,
      jobNamespace,
    );
}

function rules(values: Values): unknown[] {
  const given = valueAt(values, 'rbac.rules');
  const list = Array.isArray(given) && given.length > 0 ? given : [{}];
  return list.map((rule) => {
    const r = isRecord(rule) ? rule : {};
    const nonEmpty = (value: unknown, fallback: string[]) =>
      Array.isArray(value) && value.length > 0 ? value : fallback;
    return {
      apiGroups: nonEmpty(r['apiGroups'], ['']),
      resources: nonEmpty(r['resources'], ['*']),
      verbs: nonEmpty(r['verbs'], ['*']),
    };
  });
}

/** Renders the chart's objects for a release. */
export function renderChart(
  chart: ChartInfo,
  release: string,
  namespace: string,
  values: Values,
): Manifest[] {
  const name = fullname(chart, release, values);
  const labels = {app: name, chart: `${chart.name}-${chart.version}`, release, heritage: 'Helm'};
  const meta = (objectName: string) => ({name: objectName, namespace, labels});
  const sa = serviceAccount(chart, release, values);
  const secretName = text(valueAt(values, 'runners.secret')) || name;
  const objects: Manifest[] = [];

  if (sa.create) objects.push({apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(sa.name)});
  if (valueAt(values, 'rbac.create') === true) {
    objects.push(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: meta(name),
        rules: rules(values),
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta(name),
        roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name},
        subjects: [{kind: 'ServiceAccount', name: sa.name, namespace}],
      },
    );
  }

  if (!text(valueAt(values, 'runners.secret'))) {
    const encode = (key: string) => Buffer.from(text(values[key])).toString('base64');
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(name),
      type: 'Opaque',
      data: {
        'runner-registration-token': encode('runnerRegistrationToken'),
        'runner-token': encode('runnerToken'),
      },
    });
  }

  const concurrent = typeof values['concurrent'] === 'number' ? values['concurrent'] : 10;
  const checkInterval = typeof values['checkInterval'] === 'number' ? values['checkInterval'] : 30;
  objects.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(name),
    data: {
      'config.toml': `concurrent = ${concurrent}\ncheck_interval = ${checkInterval}\nlog_level = "info"\n`,
      'config.template.toml': renderRunnerConfig(values, namespace),
      'register-the-runner':
        '#!/bin/bash\n/entrypoint register --non-interactive --template-config /configmaps/config.template.toml\n',
      entrypoint:
        '#!/bin/bash\nset -e\ncp /configmaps/config.toml /home/gitlab-runner/.gitlab-runner/\nexec /entrypoint run --user=gitlab-runner --working-directory=/home/gitlab-runner\n',
    },
  });

  const image =
    chart.era === '2021'
      ? `gitlab/gitlab-runner:alpine-v${chart.appVersion}`
      : `registry.gitlab.com/gitlab-org/gitlab-runner:alpine-v${chart.appVersion}`;
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name),
    spec: {
      replicas: 1,
      selector: {matchLabels: {app: name}},
      template: {
        metadata: {labels: {app: name, chart: labels.chart, release, heritage: 'Helm'}},
        spec: {
          serviceAccountName: sa.name,
          containers: [
            {
              name,
              image,
              imagePullPolicy: 'IfNotPresent',
              command: ['/usr/bin/dumb-init', '--', '/bin/bash', '/configmaps/entrypoint'],
              env: [
                {name: 'CI_SERVER_URL', value: text(values['gitlabUrl'])},
                {name: 'RUNNER_EXECUTOR', value: 'kubernetes'},
                {name: 'REGISTER_LOCKED', value: 'true'},
              ],
              volumeMounts: [
                {name: 'projected-secrets', mountPath: '/secrets'},
                {name: 'configmaps', mountPath: '/configmaps'},
              ],
            },
          ],
          volumes: [
            {name: 'configmaps', configMap: {name}},
            {
              name: 'projected-secrets',
              projected: {
                sources: [
                  {
                    secret: {
                      name: secretName,
                      items: [
                        {key: 'runner-registration-token', path: 'runner-registration-token'},
                        {key: 'runner-token', path: 'runner-token'},
                      ],
                    },
                  },
                ],
              },
            },
          ],
        },
      },
    },
  });
  return objects;
}

/** The chart's NOTES.txt. */
export function renderNotes(release: string, values: Values): string {
  const url = text(values['gitlabUrl']);
  if (url)
    return `Your GitLab Runner should now be registered against the GitLab instance reachable at: "${url}"`;
  return [
    '##############################################################################',
    "## WARNING: You did not specify an gitlabUrl in your 'helm install' call.   ##",
    '##############################################################################',
    '',
    'This deployment will be incomplete until you provide the URL that your',
    'GitLab instance is reachable at:',
    '',
    `    helm upgrade ${release} \\`,
    '        --set gitlabUrl=http://gitlab.your-domain.com,runnerRegistrationToken=your-registration-token \\',
    '        gitlab/gitlab-runner',
  ].join('\n');
}
