// Starts the assembled lab in-process for integration tests: MKE 3.4 installed on node2
// (admin / adminadmin), instant timings, and a client-bundle-like kubeconfig on disk.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {assembleLab, type AssembledLab} from '../../source/lab/assemble.js';
import {adminUser} from '../../source/lab/kube/auth.js';
import {defaultMkeConfigToml} from '../../source/lab/mke/default-config.js';
import {hashPassword} from '../../source/lab/mke/password.js';
import type {LabWorld} from '../../source/lab/types.js';

/** A running lab for a test. */
export type TestLab = {
  readonly lab: AssembledLab;
  readonly world: LabWorld;
  readonly url: string;
  readonly dir: string;
  /** A kubeconfig for the MKE admin, as the client bundle's kube.yml. */
  readonly kubeconfig: string;
  readonly close: () => Promise<void>;
};

/** Starts a lab whose MKE config already grants `system-upgrade:system-upgrade` (to prove merges keep it). */
export async function startTestLab(chartEra: LabWorld['chartEra'] = '2021'): Promise<TestLab> {
  const world: LabWorld = {
    vms: {
      node2: {state: 'running', address: '192.168.123.202', memory: 4096},
      node3: {state: 'running', address: '192.168.123.203', memory: 4096},
    },
    mke: {
      installed: true,
      version: '3.4.5',
      address: '192.168.123.202',
      adminUsername: 'admin',
      adminPasswordHash: hashPassword('adminadmin'),
      configToml: defaultMkeConfigToml({podCidr: '172.31.0.0/16'})
        .replace(
          'priv_attributes_allowed_for_service_accounts = []',
          'priv_attributes_allowed_for_service_accounts = ["hostBindMounts"]',
        )
        .replace(
          'priv_attributes_service_accounts = []',
          'priv_attributes_service_accounts = ["system-upgrade:system-upgrade"]',
        ),
      clusterName: 'my-mke-cluster',
    },
    chartEra,
    gitlab: {
      projectId: 1154,
      runnerTokenHashes: [],
      nextPipelineId: 1,
      nextJobId: 1,
      pipelines: [],
      jobs: [],
    },
  };
  const lab = await assembleLab({world, objects: undefined, routes: [], speed: 0});
  const {url} = await lab.listen(0);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lab-it-'));
  const kubeconfig = path.join(dir, 'kube.yml');
  const token = lab.tokenFor(adminUser('admin'));
  await fs.writeFile(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: ucp_lab, cluster: {server: "${url}", insecure-skip-tls-verify: true}}]`,
      `users: [{name: ucp_admin, user: {token: "${token}"}}]`,
      'contexts: [{name: ucp_lab_admin, context: {cluster: ucp_lab, user: ucp_admin}}]',
      'current-context: ucp_lab_admin',
      '',
    ].join('\n'),
  );
  return {
    lab,
    world,
    url,
    dir,
    kubeconfig,
    async close() {
      await lab.close();
      await fs.rm(dir, {recursive: true, force: true});
    },
  };
}
