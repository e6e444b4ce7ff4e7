import os from 'node:os';
import path from 'node:path';
import {labUrlEnv, type LabRuntime} from '../lab/contract.js';
import type {HttpPort, Ports} from '../integrations/ports.js';
import type {KubePort} from '../integrations/kube-port.js';
import {createProcessPort} from '../integrations/process.js';
import {createOffThreadRunner} from '../integrations/process-offthread.js';
import {createFilesPort} from '../integrations/files.js';
import {wordedError, type RunbookError} from '../engine/errors.js';
import {cliWords} from './cli-words.js';

const offlineError = (): RunbookError =>
  wordedError('lab-offline', (lang) => cliWords(lang).labOffline);

/** What the children see when the target is the lab. */
export function labEnvironment(
  lab: LabRuntime,
  home: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  return {
    ...env,
    PATH: [lab.binDir, env['PATH']].filter(Boolean).join(path.delimiter),
    [labUrlEnv]: lab.url,
    HOME: home,
  };
}

/**
 * The real Ports. HTTP and Kubernetes load on first use: client-node imported whole costs
 * ~0.9 s of start-up (perf-notes.md), and even the parts we bundle (1.7 MB) are not needed
 * before the first step that talks to the cluster. With a lab, children find the stand-ins first on PATH, get the
 * lab's URL and their own HOME, and every HTTP request goes to the lab.
 */
export function createPorts(options: {
  readonly lab: LabRuntime | undefined;
  /** The target is the lab but it is not running: HTTP and Kubernetes refuse instead of reaching real addresses. */
  readonly offline?: boolean;
  readonly profileDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Commands whose output only goes to a log are read on a worker thread (an interface). */
  readonly offThreadOutput?: boolean;
}): Ports {
  const {lab} = options;
  const home = lab
    ? path.join(options.profileDir, 'lab', 'home')
    : (options.env['HOME'] ?? os.homedir());
  const childEnv = lab ? labEnvironment(lab, home, options.env) : options.env;
  let http: Promise<HttpPort> | undefined;
  let kubeFactory: Promise<(kubeconfigPath: string) => Promise<KubePort>> | undefined;
  return {
    process: createProcessPort({
      env: childEnv,
      ...(options.offThreadOutput ? {offThread: createOffThreadRunner} : {}),
    }),
    files: createFilesPort(),
    http: {
      async request(request) {
        if (options.offline) throw offlineError();
        http ??= import('../integrations/http.js').then(({createHttpPort}) =>
          createHttpPort(lab ? {labUrl: lab.url} : {}),
        );
        return (await http).request(request);
      },
    },
    async kube(kubeconfigPath) {
      if (options.offline) throw offlineError();
      kubeFactory ??= import('../integrations/kube.js').then(({createKubeFactory}) =>
        createKubeFactory(lab ? {labUrl: lab.url} : {}),
      );
      return (await kubeFactory)(kubeconfigPath);
    },
    simulated: lab !== undefined || options.offline === true,
    home,
  };
}
