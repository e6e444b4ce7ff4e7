// `Impersonate-User` / `Impersonate-Group`, checked as the API server's impersonation filter does.
import type {IncomingHttpHeaders} from 'node:http';
import type {LabUser} from '../types.js';
import {parseServiceAccountName} from './auth.js';
import {authorize, forbiddenReason, type AccessAttributes, type RbacSource} from './rbac.js';
import {forbidden} from './status.js';

function check(
  source: RbacSource,
  caller: LabUser,
  attributes: Extract<AccessAttributes, {kind: 'resource'}>,
): void {
  if (!authorize(source, caller, attributes).allowed) {
    throw forbidden(
      {resource: attributes.resource, group: ''},
      attributes.name,
      forbiddenReason(caller, attributes),
    );
  }
}

/** The user the request acts as: the caller, or whom it impersonates if allowed (403 otherwise). */
export function impersonate(
  source: RbacSource,
  caller: LabUser,
  headers: IncomingHttpHeaders,
  distinct: Readonly<Record<string, readonly string[] | undefined>>,
): LabUser {
  const name = headers['impersonate-user'];
  const groups = (distinct['impersonate-group'] ?? [])
    .flatMap((value) => value.split(',').map((group) => group.trim()))
    .filter(Boolean);
  if (typeof name !== 'string' || name === '') {
    if (groups.length > 0)
      throw forbidden(
        {resource: 'users', group: ''},
        undefined,
        'requested group impersonation without a user',
      );
    return caller;
  }

  const account = parseServiceAccountName(name);
  if (account) {
    check(source, caller, {
      kind: 'resource',
      verb: 'impersonate',
      group: '',
      resource: 'serviceaccounts',
      namespace: account.namespace,
      name: account.name,
    });
  } else {
    check(source, caller, {
      kind: 'resource',
      verb: 'impersonate',
      group: '',
      resource: 'users',
      name,
    });
  }

  for (const group of groups) {
    check(source, caller, {
      kind: 'resource',
      verb: 'impersonate',
      group: '',
      resource: 'groups',
      name: group,
    });
  }

  const implied =
    account && groups.length === 0
      ? ['system:serviceaccounts', `system:serviceaccounts:${account.namespace}`]
      : [];
  const all = [...groups, ...implied];
  if (!all.includes('system:authenticated')) all.push('system:authenticated');
  return {name, groups: all, mkeAdmin: false};
}
