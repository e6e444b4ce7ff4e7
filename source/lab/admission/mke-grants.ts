import {parse} from 'smol-toml';
import {z} from 'zod';

/** MKE's `[cluster_config]` privileged-attribute grants (facts §1.2). */
export type PrivilegeGrants = {
  readonly userAttributes: readonly string[];
  readonly userAccounts: readonly string[];
  readonly serviceAccountAttributes: readonly string[];
  readonly serviceAccounts: readonly string[];
};

const stringList = z.array(z.string()).catch([]).default([]);

const configSchema = z.object({
  cluster_config: z
    .object({
      priv_attributes_allowed_for_user_accounts: stringList,
      priv_attributes_user_accounts: stringList,
      priv_attributes_allowed_for_service_accounts: stringList,
      priv_attributes_service_accounts: stringList,
    })
    .catch({
      priv_attributes_allowed_for_user_accounts: [],
      priv_attributes_user_accounts: [],
      priv_attributes_allowed_for_service_accounts: [],
      priv_attributes_service_accounts: [],
    }),
});

/** No grants at all, as a fresh MKE 3.4 has. */
export const noGrants: PrivilegeGrants = {
  userAttributes: [],
  userAccounts: [],
  serviceAccountAttributes: [],
  serviceAccounts: [],
};

/** Reads the grants from MKE's config TOML; an unreadable file grants nothing. */
export function grantsFromConfigToml(toml: string): PrivilegeGrants {
  let data: unknown;
  try {
    data = parse(toml);
  } catch {
    return noGrants;
  }

  const parsed = configSchema.safeParse(data);
  if (!parsed.success) return noGrants;
  const config = parsed.data.cluster_config;
  return {
    userAttributes: config.priv_attributes_allowed_for_user_accounts,
    userAccounts: config.priv_attributes_user_accounts,
    serviceAccountAttributes: config.priv_attributes_allowed_for_service_accounts,
    serviceAccounts: config.priv_attributes_service_accounts,
  };
}
