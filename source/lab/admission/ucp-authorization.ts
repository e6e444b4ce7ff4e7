import type {
  AdmissionPlugin,
  AdmissionRequest,
  AdmissionResult,
  LabObject,
  LabUser,
} from '../types.js';
import {grantsFromConfigToml, type PrivilegeGrants} from './mke-grants.js';
import {arrayField, field, findPodSpec} from './pod-spec.js';
import {privilegedAttributesOf, type PrivilegedAttribute} from './privileged-attributes.js';

/** What UCPAuthorization reads besides the request. */
export type UcpAuthorizationSources = {
  /** The stored ClusterRoleBindings, read at decision time. */
  readonly clusterRoleBindings: () => readonly LabObject[];
  /** MKE's current config TOML: a grant takes effect on the next decision. */
  readonly configToml: () => string;
};

const serviceAccountPrefix = 'system:serviceaccount:';

/** `namespace:name` for a service-account user, as MKE prints and lists identities; else undefined. */
export function serviceAccountIdentity(user: LabUser): string | undefined {
  if (!user.name.startsWith(serviceAccountPrefix)) return undefined;
  return user.name.slice(serviceAccountPrefix.length);
}

function boundToClusterAdmin(user: LabUser, bindings: readonly LabObject[]): boolean {
  const identity = serviceAccountIdentity(user);
  if (identity === undefined) return false;
  const [namespace, name] = identity.split(':');
  return bindings.some((binding) => {
    const roleRef = field(binding, 'roleRef');
    if (field(roleRef, 'kind') !== 'ClusterRole' || field(roleRef, 'name') !== 'cluster-admin') {
      return false;
    }

    return arrayField(binding, 'subjects').some((subject) => {
      const kind = field(subject, 'kind');
      if (kind === 'ServiceAccount') {
        return field(subject, 'name') === name && field(subject, 'namespace') === namespace;
      }

      return kind === 'Group' && user.groups.includes(String(field(subject, 'name')));
    });
  });
}

function covers(allowed: readonly string[], needed: readonly PrivilegedAttribute[]): boolean {
  const lower = new Set(allowed.map((attribute) => attribute.toLowerCase()));
  return needed.every((attribute) => lower.has(attribute));
}

// facts §1.2 marks as UNVERIFIED how MKE combines the requesting account and the pod's service
// account. The lab accepts when any one identity is granted every attribute needed: the requester
// listed under user accounts, or the requesting service account or the pod's service account
// listed under service accounts. The runbook grants both, so it works whichever MKE really checks.
function granted(
  grants: PrivilegeGrants,
  requester: string,
  requesterServiceAccount: string | undefined,
  podServiceAccount: string,
  needed: readonly PrivilegedAttribute[],
): boolean {
  if (grants.userAccounts.includes(requester) && covers(grants.userAttributes, needed)) return true;
  if (!covers(grants.serviceAccountAttributes, needed)) return false;
  return (
    grants.serviceAccounts.includes(podServiceAccount) ||
    (requesterServiceAccount !== undefined &&
      grants.serviceAccounts.includes(requesterServiceAccount))
  );
}

// The lab's API server names a generateName object before admission runs; MKE's check runs
// before naming. A name that is the prefix plus Kubernetes' 5 generated characters is treated as
// not yet named.
function isGeneratedName(name: string, generateName: string | undefined): boolean {
  if (!generateName) return name === '';
  const prefix = generateName.slice(0, 58);
  return (
    name === '' ||
    (name.startsWith(prefix) &&
      /^[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(name.slice(prefix.length)))
  );
}

function goList(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}

/**
 * The refusal text, in the format of the article's error (facts §1.1). It has no closing period:
 * the calico example ends `for resource calico-typha`, and the article's `for resource . Check …`
 * is an empty name followed by GitLab Runner's own `. Check …`.
 */
export function ucpRefusalMessage(details: {
  readonly resource: string;
  readonly group: string;
  readonly object: LabObject;
  readonly requester: string;
  readonly podServiceAccount: string;
  readonly grants: PrivilegeGrants;
  readonly attributes: readonly PrivilegedAttribute[];
}): string {
  const {metadata} = details.object;
  const named = !isGeneratedName(metadata.name, metadata.generateName);
  // MKE sees a generateName object before it is named: the article's refusal quotes the prefix
  // (`pods "runner-…-concurrent-0"`) and names no resource at the end (`for resource `).
  const shownName = named ? metadata.name : (metadata.generateName ?? '');
  const resourceName = named ? metadata.name : '';
  const resource = details.group === '' ? details.resource : `${details.resource}.${details.group}`;
  const lower = (items: readonly string[]) => items.map((item) => item.toLowerCase());
  const {grants} = details;
  return (
    `${resource} "${shownName}" is forbidden: non-admin user "${details.requester}" ` +
    `[service account "${details.podServiceAccount}"]. ` +
    `The configured privileged attributes access for non-admin users ` +
    `("${goList(lower(grants.userAttributes))}")("${goList(grants.userAccounts)}") ` +
    `and for service accounts ` +
    `("${goList(lower(grants.serviceAccountAttributes))}")("${goList(grants.serviceAccounts)}") ` +
    `lack required permissions to use attributes ${goList(details.attributes)} ` +
    `for resource ${resourceName}`
  );
}

const builtIn = new Set(['clusterroles', 'clusterrolebindings']);

// facts §1.1: UCPAuthorization blocks deleting the built-in cluster-admin ClusterRole and
// ClusterRoleBinding, for everyone. The wording below is the lab's own (MKE's is not on record).
function protectClusterAdmin(request: AdmissionRequest): AdmissionResult {
  const {name} = request.object.metadata;
  if (!builtIn.has(request.resource) || name !== 'cluster-admin') return {allowed: true};
  return {
    allowed: false,
    code: 403,
    reason: 'Forbidden',
    message: `${request.resource}.${request.group} "${name}" is forbidden: the built-in cluster-admin role and binding cannot be deleted`,
  };
}

/** MKE's UCPAuthorization admission: privileged pod attributes only for admins and granted accounts. */
export function createUcpAuthorization(sources: UcpAuthorizationSources): AdmissionPlugin {
  return {
    name: 'UCPAuthorization',
    admit(request: AdmissionRequest) {
      if (request.operation === 'DELETE') return protectClusterAdmin(request);
      if (request.user.mkeAdmin) return {allowed: true};
      const pod = findPodSpec(request.resource, request.namespace, request.object);
      if (!pod) return {allowed: true};
      const attributes = privilegedAttributesOf(pod.spec);
      if (attributes.length === 0) return {allowed: true};
      if (boundToClusterAdmin(request.user, sources.clusterRoleBindings())) return {allowed: true};

      const grants = grantsFromConfigToml(sources.configToml());
      const requesterServiceAccount = serviceAccountIdentity(request.user);
      const requester = requesterServiceAccount ?? request.user.name;
      const podServiceAccount = `${pod.namespace}:${pod.serviceAccount}`;
      if (granted(grants, requester, requesterServiceAccount, podServiceAccount, attributes)) {
        return {allowed: true};
      }

      return {
        allowed: false,
        code: 403,
        reason: 'Forbidden',
        message: ucpRefusalMessage({
          resource: request.resource,
          group: request.group,
          object: request.object,
          requester,
          podServiceAccount,
          grants,
          attributes,
        }),
      };
    },
  };
}
