import {randomInt} from 'node:crypto';
import type {LabObject, LabUser} from '../types.js';
import type {ClusterStore} from './cluster.js';
import {tryUpdate} from './cluster.js';

const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

function suffix(): string {
  let text = '';
  for (let index = 0; index < 5; index++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

/** What the service-account controllers need: a token for an account, when the lab issues them. */
export type ServiceAccountOptions = {
  readonly issueToken?: (user: LabUser) => string;
};

/** Kubernetes' service-account controller: every namespace gets a `default` ServiceAccount. */
export function reconcileNamespace(store: ClusterStore, name: string): void {
  const namespace = store.get('namespaces', undefined, name);
  if (!namespace || namespace.metadata['deletionTimestamp']) return;
  if (store.get('serviceaccounts', name, 'default')) return;
  try {
    store.create('serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {name: 'default', namespace: name},
    });
  } catch {
    // Created meanwhile.
  }
}

/**
 * Kubernetes 1.20's token controller: each ServiceAccount gets a `<name>-token-xxxxx` Secret
 * holding a bearer token the lab accepts, listed in the account's `secrets`.
 */
export function reconcileServiceAccount(
  store: ClusterStore,
  namespace: string,
  name: string,
  options: ServiceAccountOptions,
): void {
  const account = store.get('serviceaccounts', namespace, name);
  if (!account || !options.issueToken) return;
  const secrets = Array.isArray(account['secrets']) ? account['secrets'] : [];
  if (secrets.length > 0) return;
  const user: LabUser = {
    name: `system:serviceaccount:${namespace}:${name}`,
    groups: [
      'system:serviceaccounts',
      `system:serviceaccounts:${namespace}`,
      'system:authenticated',
    ],
    mkeAdmin: false,
  };
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const secret: LabObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/service-account-token',
    metadata: {
      name: `${name}-token-${suffix()}`,
      namespace,
      annotations: {
        'kubernetes.io/service-account.name': name,
        'kubernetes.io/service-account.uid': account.metadata.uid ?? '',
      },
    },
    data: {namespace: base64(namespace), token: base64(options.issueToken(user))},
  };
  const created = store.create('secrets', secret);
  tryUpdate(store, 'serviceaccounts', {...account, secrets: [{name: created.metadata.name}]});
}
