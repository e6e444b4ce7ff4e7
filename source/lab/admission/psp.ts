import type {AdmissionPlugin, AdmissionRequest, LabObject, LabUser} from '../types.js';
import {findPodSpec} from './pod-spec.js';
import {pspViolations} from './psp-validate.js';

/** An RBAC question: may this user do this? */
export type AuthorizeQuestion = {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly name: string;
  readonly namespace: string | undefined;
};

/** What PSP admission reads besides the request. */
export type PspSources = {
  readonly podSecurityPolicies: () => readonly LabObject[];
  /** The lab's RBAC evaluator (authorizers only). */
  readonly authorize: (user: LabUser, question: AuthorizeQuestion) => boolean | Promise<boolean>;
};

/** The user a pod's service account authenticates as. */
export function serviceAccountUser(namespace: string, name: string): LabUser {
  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    groups: [
      'system:serviceaccounts',
      `system:serviceaccounts:${namespace}`,
      'system:authenticated',
    ],
    mkeAdmin: false,
  };
}

async function mayUse(
  sources: PspSources,
  users: readonly LabUser[],
  policy: string,
  namespace: string,
): Promise<boolean> {
  for (const user of users) {
    const question = {
      verb: 'use',
      group: 'policy',
      resource: 'podsecuritypolicies',
      name: policy,
      namespace,
    };
    if (await sources.authorize(user, question)) return true;
  }

  return false;
}

/**
 * PodSecurityPolicy admission as Kubernetes 1.20 runs it: a pod is admitted by the first policy
 * (by name) that the requesting user or the pod's service account may `use` and that allows it.
 */
export function createPspAdmission(sources: PspSources): AdmissionPlugin {
  return {
    name: 'PodSecurityPolicy',
    async admit(request: AdmissionRequest) {
      if (request.resource !== 'pods' || request.operation === 'DELETE') return {allowed: true};
      const pod = findPodSpec('pods', request.namespace, request.object);
      if (!pod) return {allowed: true};
      const users = [request.user, serviceAccountUser(pod.namespace, pod.serviceAccount)];
      const policies = [...sources.podSecurityPolicies()].sort((a, b) =>
        a.metadata.name.localeCompare(b.metadata.name),
      );
      const errors: string[] = [];
      for (const policy of policies) {
        if (!(await mayUse(sources, users, policy.metadata.name, pod.namespace))) continue;
        const violations = pspViolations(pod.spec, policy);
        if (violations.length === 0) {
          const {object} = request;
          const annotations = {
            ...object.metadata.annotations,
            'kubernetes.io/psp': policy.metadata.name,
          };
          return {allowed: true, object: {...object, metadata: {...object.metadata, annotations}}};
        }

        errors.push(...violations);
      }

      const name = request.object.metadata.name || (request.object.metadata.generateName ?? '');
      return {
        allowed: false,
        code: 403,
        reason: 'Forbidden',
        message: `pods "${name}" is forbidden: unable to validate against any pod security policy: [${errors.join(' ')}]`,
      };
    },
  };
}
