// RBAC evaluated from the stored (Cluster)Roles and (Cluster)RoleBindings, as Kubernetes'
// RBAC authorizer does (plugin/pkg/auth/authorizer/rbac), plus the `system:masters` superuser group.
import {z} from 'zod';
import type {LabUser} from '../types.js';

/** What a request wants to do to a resource (or a non-resource path). */
export type AccessAttributes =
  | {
      readonly kind: 'resource';
      readonly verb: string;
      readonly group: string;
      readonly resource: string;
      readonly subresource?: string;
      readonly namespace?: string;
      readonly name?: string;
    }
  | {readonly kind: 'path'; readonly verb: string; readonly path: string};

/** The authorizer's answer; `reason` explains an allow or a partial failure. */
export type Decision = {readonly allowed: boolean; readonly reason: string};

/** What the authorizer reads: any store with `list`. */
export type RbacSource = {
  readonly list: (resource: string, namespace?: string) => {readonly items: readonly unknown[]};
};

const ruleSchema = z.object({
  verbs: z.array(z.string()).default([]),
  apiGroups: z.array(z.string()).optional(),
  resources: z.array(z.string()).optional(),
  resourceNames: z.array(z.string()).optional(),
  nonResourceURLs: z.array(z.string()).optional(),
});
type Rule = z.infer<typeof ruleSchema>;

const roleSchema = z.object({
  metadata: z.object({name: z.string(), namespace: z.string().optional()}),
  rules: z.array(ruleSchema).nullish(),
});

const bindingSchema = z.object({
  kind: z.string(),
  metadata: z.object({name: z.string(), namespace: z.string().optional()}),
  subjects: z
    .array(z.object({kind: z.string(), name: z.string(), namespace: z.string().optional()}))
    .nullish(),
  roleRef: z.object({kind: z.string(), name: z.string()}),
});
type Binding = z.infer<typeof bindingSchema>;

function parseAll<T>(schema: z.ZodType<T>, items: readonly unknown[]): T[] {
  return items.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

function ruleAllows(rule: Rule, attributes: AccessAttributes): boolean {
  if (!rule.verbs.includes('*') && !rule.verbs.includes(attributes.verb)) return false;
  if (attributes.kind === 'path') {
    return (rule.nonResourceURLs ?? []).some(
      (url) =>
        url === '*' ||
        url === attributes.path ||
        (url.endsWith('*') && attributes.path.startsWith(url.slice(0, -1))),
    );
  }

  const groups = rule.apiGroups ?? [];
  if (!groups.includes('*') && !groups.includes(attributes.group)) return false;
  const wanted = attributes.subresource
    ? `${attributes.resource}/${attributes.subresource}`
    : attributes.resource;
  const resourcesMatch = (rule.resources ?? []).some(
    (resource) =>
      resource === '*' ||
      resource === wanted ||
      (attributes.subresource !== undefined && resource === `*/${attributes.subresource}`),
  );
  if (!resourcesMatch) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (attributes.name !== undefined && names.includes(attributes.name));
}

function subjectMatches(binding: Binding, user: LabUser): string | undefined {
  for (const subject of binding.subjects ?? []) {
    if (subject.kind === 'User' && subject.name === user.name) return `User "${user.name}"`;
    if (subject.kind === 'Group' && user.groups.includes(subject.name)) {
      return `Group "${subject.name}"`;
    }

    if (subject.kind === 'ServiceAccount') {
      const namespace = subject.namespace ?? binding.metadata.namespace ?? '';
      if (user.name === `system:serviceaccount:${namespace}:${subject.name}`) {
        return `ServiceAccount "${subject.name}/${namespace}"`;
      }
    }
  }

  return undefined;
}

/** Decides whether `user` may do what `attributes` describe, from the RBAC objects in `source`. */
export function authorize(
  source: RbacSource,
  user: LabUser,
  attributes: AccessAttributes,
): Decision {
  if (user.groups.includes('system:masters')) return {allowed: true, reason: ''};
  const clusterRoles = new Map(
    parseAll(roleSchema, source.list('clusterroles').items).map((role) => [
      role.metadata.name,
      role,
    ]),
  );
  const errors: string[] = [];
  const namespace = attributes.kind === 'resource' ? attributes.namespace : undefined;
  const bindings = [
    ...parseAll(bindingSchema, source.list('clusterrolebindings').items),
    ...(namespace ? parseAll(bindingSchema, source.list('rolebindings', namespace).items) : []),
  ];
  for (const binding of bindings) {
    const subject = subjectMatches(binding, user);
    if (!subject) continue;
    const role =
      binding.roleRef.kind === 'ClusterRole'
        ? clusterRoles.get(binding.roleRef.name)
        : parseAll(roleSchema, source.list('roles', binding.metadata.namespace).items).find(
            (candidate) => candidate.metadata.name === binding.roleRef.name,
          );
    if (!role) {
      errors.push(
        `${binding.roleRef.kind.toLowerCase()}.rbac.authorization.k8s.io "${binding.roleRef.name}" not found`,
      );
      continue;
    }

    if ((role.rules ?? []).some((rule) => ruleAllows(rule, attributes))) {
      const where = binding.metadata.namespace
        ? ` in namespace "${binding.metadata.namespace}"`
        : '';
      return {
        allowed: true,
        reason: `RBAC: allowed by ${binding.kind} "${binding.metadata.name}" of ${binding.roleRef.kind} "${binding.roleRef.name}" to ${subject}${where}`,
      };
    }
  }

  return {allowed: false, reason: errors.length > 0 ? `RBAC: [${errors.join(', ')}]` : ''};
}

/** Kubernetes' wording of a refusal (endpoints/handlers/responsewriters forbiddenMessage). */
export function forbiddenReason(user: LabUser, attributes: AccessAttributes): string {
  if (attributes.kind === 'path') {
    return `User "${user.name}" cannot ${attributes.verb} path "${attributes.path}"`;
  }

  const resource = attributes.subresource
    ? `${attributes.resource}/${attributes.subresource}`
    : attributes.resource;
  const scope = attributes.namespace
    ? `in the namespace "${attributes.namespace}"`
    : 'at the cluster scope';
  return `User "${user.name}" cannot ${attributes.verb} resource "${resource}" in API group "${attributes.group}" ${scope}`;
}
