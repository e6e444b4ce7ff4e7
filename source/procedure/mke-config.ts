import {parse} from 'smol-toml';
import {z} from 'zod';
import {setTomlKey, tomlStringArray} from './toml-section.js';

/** What to grant in MKE's `[cluster_config]`: accounts as `namespace:name`, attributes in MKE's camelCase. */
export type PrivilegeGrant = {
  readonly serviceAccounts: readonly string[];
  readonly userAccounts?: readonly string[];
  readonly attributes: readonly string[];
};

const clusterConfig = z.looseObject({
  cluster_config: z
    .looseObject({
      priv_attributes_allowed_for_user_accounts: z.array(z.string()).optional(),
      priv_attributes_user_accounts: z.array(z.string()).optional(),
      priv_attributes_allowed_for_service_accounts: z.array(z.string()).optional(),
      priv_attributes_service_accounts: z.array(z.string()).optional(),
    })
    .optional(),
});

type Lists = {
  readonly userAttributes: readonly string[];
  readonly userAccounts: readonly string[];
  readonly serviceAttributes: readonly string[];
  readonly serviceAccounts: readonly string[];
};

/** Reads the four privilege lists of an MKE config file (throws with the parser's words on bad TOML). */
export function readPrivilegeLists(toml: string): Lists {
  const config = clusterConfig.parse(parse(toml)).cluster_config ?? {};
  return {
    userAttributes: config.priv_attributes_allowed_for_user_accounts ?? [],
    userAccounts: config.priv_attributes_user_accounts ?? [],
    serviceAttributes: config.priv_attributes_allowed_for_service_accounts ?? [],
    serviceAccounts: config.priv_attributes_service_accounts ?? [],
  };
}

// MKE prints attributes lower-case and documents them camelCase; treat them as one name.
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const includes = (list: readonly string[], value: string) =>
  list.some((item) => sameName(item, value));

function union(existing: readonly string[], added: readonly string[]): string[] {
  const result = [...existing];
  for (const value of added) if (!includes(result, value)) result.push(value);
  return result;
}

function without(existing: readonly string[], removed: readonly string[]): string[] {
  return existing.filter((value) => !includes(removed, value));
}

function write(
  toml: string,
  key: string,
  before: readonly string[],
  after: readonly string[],
): string {
  if (before.length === after.length && before.every((value, index) => value === after[index]))
    return toml;
  return setTomlKey(toml, 'cluster_config', key, tomlStringArray(after));
}

/** Appends the grant to MKE's config, keeping every existing entry and the rest of the file as it is; idempotent. */
export function mergePrivilegeGrant(toml: string, grant: PrivilegeGrant): string {
  const lists = readPrivilegeLists(toml);
  let result = toml;
  result = write(
    result,
    'priv_attributes_allowed_for_service_accounts',
    lists.serviceAttributes,
    union(lists.serviceAttributes, grant.attributes),
  );
  result = write(
    result,
    'priv_attributes_service_accounts',
    lists.serviceAccounts,
    union(lists.serviceAccounts, grant.serviceAccounts),
  );
  if (grant.userAccounts && grant.userAccounts.length > 0) {
    result = write(
      result,
      'priv_attributes_allowed_for_user_accounts',
      lists.userAttributes,
      union(lists.userAttributes, grant.attributes),
    );
    result = write(
      result,
      'priv_attributes_user_accounts',
      lists.userAccounts,
      union(lists.userAccounts, grant.userAccounts),
    );
  }

  readPrivilegeLists(result);
  return result;
}

/**
 * Takes the grant's accounts out again (merge-out, not overwrite). The attribute list is
 * shared by every listed account, so attributes are removed only when no account is left.
 */
export function removePrivilegeGrant(toml: string, grant: PrivilegeGrant): string {
  const lists = readPrivilegeLists(toml);
  let result = toml;
  const serviceAccounts = without(lists.serviceAccounts, grant.serviceAccounts);
  result = write(
    result,
    'priv_attributes_service_accounts',
    lists.serviceAccounts,
    serviceAccounts,
  );
  if (serviceAccounts.length === 0) {
    result = write(
      result,
      'priv_attributes_allowed_for_service_accounts',
      lists.serviceAttributes,
      without(lists.serviceAttributes, grant.attributes),
    );
  }

  if (grant.userAccounts && grant.userAccounts.length > 0) {
    const userAccounts = without(lists.userAccounts, grant.userAccounts);
    result = write(result, 'priv_attributes_user_accounts', lists.userAccounts, userAccounts);
    if (userAccounts.length === 0) {
      result = write(
        result,
        'priv_attributes_allowed_for_user_accounts',
        lists.userAttributes,
        without(lists.userAttributes, grant.attributes),
      );
    }
  }

  readPrivilegeLists(result);
  return result;
}

/** True when every account of the grant is listed and may use every attribute of it. */
export function hasPrivilegeGrant(toml: string, grant: PrivilegeGrant): boolean {
  const lists = readPrivilegeLists(toml);
  const all = (list: readonly string[], values: readonly string[]) =>
    values.every((value) => includes(list, value));
  const service =
    all(lists.serviceAccounts, grant.serviceAccounts) &&
    all(lists.serviceAttributes, grant.attributes);
  const user =
    !grant.userAccounts ||
    grant.userAccounts.length === 0 ||
    (all(lists.userAccounts, grant.userAccounts) && all(lists.userAttributes, grant.attributes));
  return service && user;
}
