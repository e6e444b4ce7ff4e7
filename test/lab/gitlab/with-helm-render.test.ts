import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {plainTrace} from '../../../source/lab/gitlab/trace.js';
import {chartFor, type ChartEra} from '../../../source/lab/standins/helm/chart.js';
import {renderChart} from '../../../source/lab/standins/helm/render.js';
import type {LabObject} from '../../../source/lab/types.js';
import {installedWorld, startLab, type TestLab} from '../../helpers/lab.js';

// The runner must work with exactly what the lab's stand-in helm creates, in both chart eras.

const plural: Record<string, string> = {
  ServiceAccount: '/api/v1/namespaces/gitlab-runner/serviceaccounts',
  Role: '/apis/rbac.authorization.k8s.io/v1/namespaces/gitlab-runner/roles',
  RoleBinding: '/apis/rbac.authorization.k8s.io/v1/namespaces/gitlab-runner/rolebindings',
  Secret: '/api/v1/namespaces/gitlab-runner/secrets',
  ConfigMap: '/api/v1/namespaces/gitlab-runner/configmaps',
  Deployment: '/apis/apps/v1/namespaces/gitlab-runner/deployments',
};

const runnersConfig =
  '[[runners]]\n  [runners.kubernetes]\n    namespace = "{{.Release.Namespace}}"\n    image = "ubuntu:16.04"\n    privileged = true\n';

async function finished(fixture: TestLab): Promise<{status: string; trace: string}> {
  const headers = {'PRIVATE-TOKEN': 'glpat-lab'};
  const base = `${fixture.url}/api/v4/projects/1154`;
  const created = (await (
    await fetch(`${base}/pipeline?ref=main`, {method: 'POST', headers})
  ).json()) as {id: number};
  for (let attempt = 0; attempt < 400; attempt++) {
    const jobs = (await (
      await fetch(`${base}/pipelines/${created.id}/jobs`, {headers})
    ).json()) as Array<{
      id: number;
      name: string;
      status: string;
    }>;
    const build = jobs.find((job) => job.name === 'build');
    if (build && (build.status === 'success' || build.status === 'failed')) {
      const trace = await (await fetch(`${base}/jobs/${build.id}/trace`, {headers})).text();
      return {status: build.status, trace: plainTrace(trace)};
    }

    await delay(10);
  }

  throw new Error('the job did not finish');
}

const cases: ReadonlyArray<{
  era: ChartEra;
  values: Record<string, unknown>;
  account: string;
  pod: RegExp;
}> = [
  {
    era: '2021',
    values: {
      gitlabUrl: 'https://gitlab.example.com/',
      runnerRegistrationToken: 'xphxzzaR5',
      rbac: {create: true},
      runners: {config: runnersConfig},
    },
    account: 'gitlab-runner-gitlab-runner',
    pod: /pods "runner-xphxzzar-project-1154-concurrent-0" is forbidden: non-admin user "gitlab-runner:gitlab-runner-gitlab-runner" \[service account "gitlab-runner:default"\]\..* for resource \. Check/,
  },
  {
    era: 'current',
    values: {
      gitlabUrl: 'https://gitlab.example.com/',
      runnerToken: 'glrt-k3yq8a9bcd',
      rbac: {create: true},
      runners: {config: runnersConfig},
    },
    account: 'gitlab-runner',
    pod: /pods "runner-k3yq8a9bc-project-1154-concurrent-0-([a-z0-9]{8})" is forbidden: non-admin user "gitlab-runner:gitlab-runner" \[service account "gitlab-runner:default"\]\..* for resource runner-k3yq8a9bc-project-1154-concurrent-0-\1\. Check/,
  },
];

describe("the lab's runner with the stand-in helm's chart objects", () => {
  for (const {era, values, account, pod} of cases) {
    it(`fails, then succeeds after a cluster-admin binding, with the ${era} chart`, async () => {
      const world = installedWorld();
      world.chartEra = era;
      const fixture = await startLab({world});
      try {
        assert.equal(
          (
            await fixture.adminCreate('/api/v1/namespaces', {
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: {name: 'gitlab-runner'},
            })
          ).status,
          201,
        );
        for (const manifest of renderChart(
          chartFor(era),
          'gitlab-runner',
          'gitlab-runner',
          values,
        )) {
          const path = plural[manifest.kind];
          assert.ok(path, manifest.kind);
          const response = await fixture.adminCreate(path, manifest as LabObject);
          assert.equal(response.status, 201, `${manifest.kind}: ${await response.text()}`);
        }

        const refused = await finished(fixture);
        assert.equal(refused.status, 'failed');
        assert.match(refused.trace, pod);
        const binding: LabObject = {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: {name: 'gitlab-runner-cluster-admin'},
          subjects: [{kind: 'ServiceAccount', name: account, namespace: 'gitlab-runner'}],
          roleRef: {
            kind: 'ClusterRole',
            name: 'cluster-admin',
            apiGroup: 'rbac.authorization.k8s.io',
          },
        };
        assert.equal(
          (
            await fixture.adminCreate(
              '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
              binding,
            )
          ).status,
          201,
        );
        const admitted = await finished(fixture);
        assert.equal(admitted.status, 'success');
        assert.match(admitted.trace, /Job succeeded\n$/);
      } finally {
        await fixture.close();
      }
    });
  }
});
