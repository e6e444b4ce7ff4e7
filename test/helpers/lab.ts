// The one place tests start the simulated lab. Three variants:
//  - startLab (here): the assembled lab in this process, so a test reads its world and store
//    directly; with `profile` it is also registered as that profile's running lab (control
//    API, the profile's certificate, lab.json, stand-ins' bin dir), so the CLI finds it.
//  - startLabProcess (lab-process.ts): the lab server as its own process, stand-ins to run.
//  - startKubeServer (kube-server.ts): the bare Kubernetes API server, no MKE, for server tests.
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {KubeConfig} from '@kubernetes/client-node';
import {assembleLab, type AssembledLab} from '../../source/lab/assemble.js';
import type {LabRuntime} from '../../source/lab/contract.js';
import {createControlRoute} from '../../source/lab/control/routes.js';
import {createFaultBook} from '../../source/lab/control/faults.js';
import {adminUser} from '../../source/lab/kube/auth.js';
import type {TlsMaterial} from '../../source/lab/kube/tls.js';
import {defaultMkeConfigToml} from '../../source/lab/mke/default-config.js';
import {hashPassword} from '../../source/lab/mke/password.js';
import {defaultWorld} from '../../source/lab/process/default-world.js';
import {locateLabProgram, writeSourceWrappers} from '../../source/lab/process/locate.js';
import {labPaths} from '../../source/lab/process/paths.js';
import {loadOrCreateTls} from '../../source/lab/process/tls-files.js';
import type {LabMiddleware, LabObject, LabRoute, LabWorld} from '../../source/lab/types.js';
import {writeKubeconfig} from './lab-access.js';

export {runProgram, writeKubeconfig, type ProgramResult} from './lab-access.js';
export {startLabProcess, type LabProcess} from './lab-process.js';
export {startKubeServer, type KubeServer} from './kube-server.js';

/** The world a new lab starts from (`mke-runbook lab start`): no VMs, MKE not installed. */
export function freshWorld(chartEra: LabWorld['chartEra'] = '2021'): LabWorld {
  return {...defaultWorld(), chartEra};
}

/** A world with MKE 3.4 installed on node2 (admin / adminadmin), VMs running, project 1154. */
export function installedWorld(
  options: {
    readonly chartEra?: LabWorld['chartEra'];
    /** MKE's config already grants `system-upgrade:system-upgrade` (another tool's grant that merges must keep). */
    readonly otherGrant?: boolean;
  } = {},
): LabWorld {
  const config = defaultMkeConfigToml({podCidr: '172.31.0.0/16'});
  return {
    ...freshWorld(options.chartEra),
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
      configToml: options.otherGrant
        ? config
            .replace(
              'priv_attributes_allowed_for_service_accounts = []',
              'priv_attributes_allowed_for_service_accounts = ["hostBindMounts"]',
            )
            .replace(
              'priv_attributes_service_accounts = []',
              'priv_attributes_service_accounts = ["system-upgrade:system-upgrade"]',
            )
        : config,
      clusterName: 'my-mke-cluster',
    },
  };
}

/** How to start an in-process lab. */
export type LabOptions = {
  /** Default: `installedWorld()`. */
  readonly world?: LabWorld;
  /** Extra routes in front of the lab's own (fault middleware, …). */
  readonly routes?: readonly LabRoute[];
  /** Serve HTTPS with this certificate. */
  readonly tls?: TlsMaterial;
  /** Register as this profile's running lab, as `mke-runbook lab start` would (`binDir`: the stand-ins of another build). */
  readonly profile?: {readonly stateDir: string; readonly name: string; readonly binDir?: string};
  /** Simulated delays scaled by this (default 0: instant). */
  readonly speed?: number;
  /** Middleware in front of every request (counting, faults). */
  readonly middleware?: readonly LabMiddleware[];
};

/** A lab running in this process. */
export type TestLab = {
  readonly lab: AssembledLab;
  readonly world: LabWorld;
  readonly url: string;
  /** A temp dir of the test's own, removed on close. */
  readonly dir: string;
  /** The certificate of an HTTPS lab (it is its own CA). */
  readonly certPem: string | undefined;
  readonly adminToken: string;
  /** A kubeconfig file for the MKE admin, like the client bundle's kube.yml. */
  readonly kubeconfig: string;
  /** A client-node config for `token`. */
  readonly clientConfig: (token: string) => KubeConfig;
  /** Creates an object as the MKE admin through the lab's HTTP API (fetch: plain-HTTP labs only). */
  readonly adminCreate: (path: string, body: LabObject) => Promise<Response>;
  /** Objects of a kind (plural resource name) in the lab's store. */
  readonly objects: (plural: string, namespace?: string) => LabObject[];
  readonly close: () => Promise<void>;
};

/** Starts the assembled lab on a free port of 127.0.0.1, instant timings. */
export async function startLab(options: LabOptions = {}): Promise<TestLab> {
  const world = options.world ?? installedWorld();
  const routes = [...(options.routes ?? [])];
  let tls = options.tls;
  let resetCluster = () => {};
  if (options.profile) {
    const paths = labPaths(options.profile.stateDir, options.profile.name);
    await mkdir(paths.home, {recursive: true, mode: 0o700});
    tls ??= await loadOrCreateTls(paths.dir);
    const control = createControlRoute({
      world,
      faults: createFaultBook(),
      changed() {},
      resetCluster: () => resetCluster(),
    });
    routes.push(control);
  }

  const lab = await assembleLab({
    world,
    objects: undefined,
    routes,
    speed: options.speed ?? 0,
    ...(options.middleware ? {middleware: options.middleware} : {}),
    ...(tls ? {tls} : {}),
  });
  resetCluster = lab.resetCluster;
  const {url, port} = await lab.listen(0);
  if (options.profile) await register(options.profile, url, port);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mke-runbook-lab-'));
  const adminToken = lab.tokenFor(adminUser('admin'));
  const kubeconfig = path.join(dir, 'kube.yml');
  await writeKubeconfig(kubeconfig, {url, token: adminToken});
  return {
    lab,
    world,
    url,
    dir,
    certPem: tls?.cert,
    adminToken,
    kubeconfig,
    clientConfig(token) {
      const config = new KubeConfig();
      config.loadFromOptions({
        clusters: [{name: 'lab', server: url, skipTLSVerify: true}],
        users: [{name: 'user', token}],
        contexts: [{name: 'lab', cluster: 'lab', user: 'user'}],
        currentContext: 'lab',
      });
      return config;
    },
    adminCreate: async (apiPath, body) =>
      fetch(`${url}${apiPath}`, {
        method: 'POST',
        headers: {Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json'},
        body: JSON.stringify(body),
      }),
    objects: (plural, namespace) => lab.store.list(plural, namespace).items,
    async close() {
      await lab.close();
      await rm(dir, {recursive: true, force: true});
    },
  };
}

// lab.json and the stand-ins' wrappers, as the lab server writes them for its profile.
async function register(
  profile: NonNullable<LabOptions['profile']>,
  url: string,
  port: number,
): Promise<void> {
  const paths = labPaths(profile.stateDir, profile.name);
  const program = locateLabProgram();
  // A bin dir given is a build's own stand-ins: never overwrite it with source wrappers.
  const binDir = profile.binDir ?? program.distBinDir ?? paths.sourceBinDir;
  if (profile.binDir === undefined && program.fromSource)
    await writeSourceWrappers(program.root, binDir);
  const runtime: LabRuntime = {
    pid: process.pid,
    port,
    url,
    binDir,
    startedAt: new Date().toISOString(),
  };
  await writeFile(paths.runtimeFile, JSON.stringify(runtime));
}
