// The Kubernetes operations the runbook's actions use, as plain domain types.
// Owned by the procedure work (issue 4): extend it there; client-node types stay in kube.ts.

/** A Kubernetes object as plain data. */
export type KubeObject = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
};

/** Why a Kubernetes call failed. */
export type KubeErrorCode =
  | 'forbidden'
  | 'not-found'
  | 'unreachable'
  | 'invalid'
  | 'conflict'
  | 'unauthorized'
  | 'timeout'
  | 'server';

/** Operations on one cluster. */
export type KubePort = {
  readonly get: (
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ) => Promise<KubeObject | undefined>;
  readonly apply: (
    object: KubeObject,
    options?: {readonly dryRun?: boolean; readonly impersonate?: string},
  ) => Promise<KubeObject>;
  readonly create: (
    object: KubeObject,
    options?: {readonly dryRun?: boolean; readonly impersonate?: string},
  ) => Promise<KubeObject>;
  readonly remove: (
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ) => Promise<boolean>;
  readonly version: () => Promise<string>;
};
