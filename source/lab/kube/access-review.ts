// SelfSubjectAccessReview and SubjectAccessReview: the authorizer's answer, never admission's.
import {z} from 'zod';
import type {LabObject, LabUser} from '../types.js';
import {authorize, type AccessAttributes, type RbacSource} from './rbac.js';
import {badRequest} from './status.js';

const specSchema = z.object({
  resourceAttributes: z
    .object({
      namespace: z.string().optional(),
      verb: z.string().optional(),
      group: z.string().optional(),
      resource: z.string().optional(),
      subresource: z.string().optional(),
      name: z.string().optional(),
    })
    .optional(),
  nonResourceAttributes: z
    .object({path: z.string().optional(), verb: z.string().optional()})
    .optional(),
  user: z.string().optional(),
  groups: z.array(z.string()).optional(),
});

/** The reviewed attributes and, for SubjectAccessReview, the reviewed user. */
function attributesOf(spec: z.infer<typeof specSchema>): AccessAttributes {
  const resource = spec.resourceAttributes;
  if (resource) {
    return {
      kind: 'resource',
      verb: resource.verb ?? '',
      group: resource.group ?? '',
      resource: resource.resource ?? '',
      ...(resource.subresource ? {subresource: resource.subresource} : {}),
      ...(resource.namespace ? {namespace: resource.namespace} : {}),
      ...(resource.name ? {name: resource.name} : {}),
    };
  }

  const path = spec.nonResourceAttributes;
  if (path) return {kind: 'path', verb: path.verb ?? '', path: path.path ?? ''};
  throw badRequest('exactly one of nonResourceAttributes or resourceAttributes must be specified');
}

/** Answers an access review: `self` reviews the caller; otherwise `spec.user`/`spec.groups`. */
export function reviewAccess(
  source: RbacSource,
  caller: LabUser,
  body: LabObject,
  self: boolean,
): LabObject {
  const parsed = specSchema.safeParse(body['spec'] ?? {});
  if (!parsed.success) throw badRequest(`invalid access review spec: ${parsed.error.message}`);
  const spec = parsed.data;
  const subject: LabUser = self
    ? caller
    : {name: spec.user ?? '', groups: spec.groups ?? [], mkeAdmin: false};
  const decision = authorize(source, subject, attributesOf(spec));
  const {name: _name, ...metadata} = body.metadata;
  return {
    ...body,
    metadata: {...metadata, name: '', creationTimestamp: undefined},
    status: {allowed: decision.allowed, ...(decision.reason ? {reason: decision.reason} : {})},
  };
}
