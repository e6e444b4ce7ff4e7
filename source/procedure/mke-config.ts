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

// The two account kinds MKE lists, each as an attribute list shared by an account list.
const kinds = [
  {
    attributes: 'serviceAttributes',
    accounts: 'serviceAccounts',
    attributesKey: 'priv_attributes_allowed_for_service_accounts',
    accountsKey: 'priv_attributes_service_accounts',
  },
  {
    attributes: 'userAttributes',
    accounts: 'userAccounts',
    attributesKey: 'priv_attributes_allowed_for_user_accounts',
    accountsKey: 'priv_attributes_user_accounts',
  },
] as const;

/** One kind's two lists, as they are or as an edit makes them. */
type KindLists = {readonly attributes: readonly string[]; readonly accounts: readonly string[]};

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

/**
 * The one list-editing step of merge and merge-out: `edit` turns each account kind's lists
 * (service accounts always, user accounts when the grant names any) into new ones, and only
 * the keys whose list changed are rewritten, attributes first; the result must still parse.
 */
function editGrantLists(
  toml: string,
  grant: PrivilegeGrant,
  edit: (current: KindLists, granted: KindLists) => KindLists,
): string {
  const lists = readPrivilegeLists(toml);
  const grantedAccounts = {
    serviceAccounts: grant.serviceAccounts,
    userAccounts: grant.userAccounts ?? [],
  };
  let result = toml;
  for (const kind of kinds) {
    const granted = {attributes: grant.attributes, accounts: grantedAccounts[kind.accounts]};
    if (kind.accounts === 'userAccounts' && granted.accounts.length === 0) continue;
    const current = {attributes: lists[kind.attributes], accounts: lists[kind.accounts]};
    const next = edit(current, granted);
    result = write(result, kind.attributesKey, current.attributes, next.attributes);
    result = write(result, kind.accountsKey, current.accounts, next.accounts);
  }

  readPrivilegeLists(result);
  return result;
}

/** Appends the grant to MKE's config, keeping every existing entry and the rest of the file as it is; idempotent. */
export function mergePrivilegeGrant(toml: string, grant: PrivilegeGrant): string {
  return editGrantLists(toml, grant, (current, granted) => ({
    attributes: union(current.attributes, granted.attributes),
    accounts: union(current.accounts, granted.accounts),
  }));
}

/**
 * Takes the grant's accounts out again (merge-out, not overwrite). The attribute list is
 * shared by every listed account, so attributes are removed only when no account is left.
 */
export function removePrivilegeGrant(toml: string, grant: PrivilegeGrant): string {
  return editGrantLists(toml, grant, (current, granted) => {
    const accounts = without(current.accounts, granted.accounts);
    return {
      accounts,
      attributes:
        accounts.length === 0
          ? without(current.attributes, granted.attributes)
          : current.attributes,
    };
  });
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
