import {randomInt} from 'node:crypto';
import type {LabObject} from '../types.js';
import type {CiJob} from './project.js';
import type {KubernetesExecutorConfig} from './runner-config.js';

/** Which GitLab Runner the lab plays: the 2021 chart's 14.x or the current chart's 18.x. */
export type RunnerEra = '2021' | 'current';

/** The version line the runner prints first in every trace. */
export function runnerVersionLine(era: RunnerEra): string {
  return era === '2021' ? 'gitlab-runner 14.7.0 (98daeee0)' : 'gitlab-runner 18.9.0 (1b6ea0b7)';
}

/**
 * The runner's short token: 14.x takes the first 8 characters; from 17.x the `glrt-` prefix is
 * stripped and 9 are taken (facts §5, helpers/shorten_token.go).
 */
export function shortToken(token: string, era: RunnerEra): string {
  const bare = token.replace(/^glrt-/, '').replace(/^t\d_/, '');
  return era === '2021' ? token.replace(/^glrt-/, '').slice(0, 8) : bare.slice(0, 9);
}

const lowerAlphanumerics = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomSuffix(length: number): string {
  let text = '';
  for (let index = 0; index < length; index++)
    text += lowerAlphanumerics[randomInt(lowerAlphanumerics.length)];
  return text;
}

/** What a build pod is made from. */
export type BuildPodInput = {
  readonly era: RunnerEra;
  readonly token: string;
  readonly projectId: number;
  readonly jobId: number;
  readonly concurrentId: number;
  readonly config: KubernetesExecutorConfig;
  readonly job: CiJob;
};

/**
 * The pod name prefix `runner-<token>-project-<id>-concurrent-<n>`, made a valid Kubernetes name
 * as the runner's `dns.MakeRFC1123Compatible` does (lower case; other characters become `-`).
 */
export function buildPodPrefix(input: BuildPodInput): string {
  const raw = `runner-${shortToken(input.token, input.era)}-project-${input.projectId}-concurrent-${input.concurrentId}`;
  return raw
    .toLowerCase()
    .replaceAll(/[^a-z\d.-]/g, '-')
    .replaceAll(/^[^a-z\d]+|[^a-z\d]+$/g, '');
}

/** The build pod the Kubernetes executor asks the cluster for. */
export function buildPod(input: BuildPodInput): LabObject {
  const prefix = buildPodPrefix(input);
  const {config} = input;
  const securityContext = {privileged: config.privileged};
  const shell = [
    'sh',
    '-c',
    'if [ -x /usr/local/bin/bash ]; then\n\texec /usr/local/bin/bash \nelif [ -x /bin/sh ]; then\n\texec /bin/sh \nelse\n\techo shell not found\n\texit 1\nfi\n\n',
  ];
  const mounts = [
    {name: 'repo', mountPath: '/builds'},
    {name: 'scripts', mountPath: `/scripts-${input.projectId}-${input.jobId}`},
    {name: 'logs', mountPath: `/logs-${input.projectId}-${input.jobId}`},
  ];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      // 14.x leaves the suffix to Kubernetes (generateName); 16.2+ names the pod itself.
      ...(input.era === '2021'
        ? {name: '', generateName: prefix}
        : {name: `${prefix}-${randomSuffix(8)}`}),
      namespace: config.namespace,
      labels: {
        pod: prefix,
        'job.runner.gitlab.com/id': String(input.jobId),
        'project.runner.gitlab.com/id': String(input.projectId),
        'manager.runner.gitlab.com/name': 'gitlab-runner',
      },
      annotations: {'job.runner.gitlab.com/id': String(input.jobId)},
    },
    spec: {
      ...(config.serviceAccount ? {serviceAccountName: config.serviceAccount} : {}),
      restartPolicy: 'Never',
      initContainers: [
        {
          name: 'init-permissions',
          image: config.helperImage,
          command: [
            'sh',
            '-c',
            `touch /logs-${input.projectId}-${input.jobId}/output.log && (chmod 777 /logs-${input.projectId}-${input.jobId}/output.log || exit 0)`,
          ],
          volumeMounts: mounts,
        },
      ],
      containers: [
        {
          name: 'build',
          image: input.job.image,
          command: shell,
          stdin: true,
          volumeMounts: mounts,
          securityContext,
        },
        {
          name: 'helper',
          image: config.helperImage,
          command: shell,
          stdin: true,
          volumeMounts: mounts,
          securityContext,
        },
        ...input.job.services.map((image, index) => ({
          name: `svc-${index}`,
          image,
          volumeMounts: mounts,
          securityContext,
        })),
      ],
      volumes: [
        {name: 'repo', emptyDir: {}},
        {name: 'scripts', emptyDir: {}},
        {name: 'logs', emptyDir: {}},
      ],
    },
  };
}
