// The messages kubectl's typed creates send, by kind. Field numbers are those of Kubernetes'
// generated.proto files (k8s.io/apimachinery meta/v1, k8s.io/api rbac/v1, authorization/v1,
// core/v1, apps/v1); only the fields the lab uses are named, the rest are dropped.
import type {FieldKind, Schema} from './protobuf-wire.js';

const message = (schema: Schema): FieldKind => ({message: schema});
const list = (kind: FieldKind): FieldKind => ({list: kind});
const map = (kind: FieldKind): FieldKind => ({map: kind});

// meta/v1
export const objectMeta: Schema = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  11: ['labels', map('string')],
  12: ['annotations', map('string')],
  14: ['finalizers', list('string')],
};
export const labelSelector: Schema = {
  1: ['matchLabels', map('string')],
  2: [
    'matchExpressions',
    list(message({1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', list('string')]})),
  ],
};

// rbac/v1
const subject: Schema = {
  1: ['kind', 'string'],
  2: ['apiGroup', 'string'],
  3: ['name', 'string'],
  4: ['namespace', 'string'],
};
const roleRef: Schema = {1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string']};
const policyRule: Schema = {
  1: ['verbs', list('string')],
  2: ['apiGroups', list('string')],
  3: ['resources', list('string')],
  4: ['resourceNames', list('string')],
  5: ['nonResourceURLs', list('string')],
};
const role: Schema = {
  1: ['metadata', message(objectMeta)],
  2: ['rules', list(message(policyRule))],
};
const binding: Schema = {
  1: ['metadata', message(objectMeta)],
  2: ['subjects', list(message(subject))],
  3: ['roleRef', message(roleRef)],
};

// authorization/v1
const resourceAttributes: Schema = {
  1: ['namespace', 'string'],
  2: ['verb', 'string'],
  3: ['group', 'string'],
  4: ['version', 'string'],
  5: ['resource', 'string'],
  6: ['subresource', 'string'],
  7: ['name', 'string'],
};
const accessReview: Schema = {
  1: ['metadata', message(objectMeta)],
  2: [
    'spec',
    message({
      1: ['resourceAttributes', message(resourceAttributes)],
      2: ['nonResourceAttributes', message({1: ['path', 'string'], 2: ['verb', 'string']})],
      3: ['user', 'string'],
      4: ['groups', list('string')],
      6: ['uid', 'string'],
    }),
  ],
};

/** The messages the lab reads, by kind; workloads (core/v1, apps/v1) are added by their module. */
export const rbacAndAccessKinds: Readonly<Record<string, Schema>> = {
  Namespace: {
    1: ['metadata', message(objectMeta)],
    2: ['spec', message({1: ['finalizers', list('string')]})],
  },
  ClusterRole: role,
  Role: role,
  ClusterRoleBinding: binding,
  RoleBinding: binding,
  SelfSubjectAccessReview: accessReview,
  SubjectAccessReview: accessReview,
};
